/**
 * Reads ESC/POS bytes back into what a printer would do: the text lines (GB18030), the QR codes and
 * the commands, in order. Strict: a command it does not know is an error rather than text, so a
 * stray byte sequence cannot hide in a "decoded" ticket. Used by the virtual printer and the tests.
 */
import iconv from 'iconv-lite';

export type EscPosCommand =
  | 'init'
  | 'chinese-mode'
  | 'align'
  | 'bold'
  | 'size'
  | 'print-mode'
  | 'feed'
  | 'line-spacing'
  | 'qr-model'
  | 'qr-size'
  | 'qr-correction'
  | 'qr-store'
  | 'qr-print'
  | 'cut'
  | 'status-query'
  | 'paper-status';

export interface DecodedEscPos {
  /** Printed lines of text, decoded from GB18030, in order (a line ends at LF). */
  lines: string[];
  /** The data of each QR code stored. */
  qr: string[];
  /** Every command, in order. */
  commands: EscPosCommand[];
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;

export class EscPosDecodeError extends Error {}

export function decodeEscPos(bytes: Uint8Array): DecodedEscPos {
  const out: DecodedEscPos = { lines: [], qr: [], commands: [] };
  let text: number[] = [];
  const flush = () => {
    out.lines.push(iconv.decode(Buffer.from(text), 'gb18030'));
    text = [];
  };
  const fail = (i: number): never => {
    const hex = Buffer.from(bytes.subarray(i, i + 4)).toString('hex');
    throw new EscPosDecodeError(`unknown ESC/POS command at byte ${i}: ${hex}`);
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const next = bytes[i + 1];
    if (b === LF) {
      flush();
      i += 1;
    } else if (b === ESC) {
      const cmd: Record<number, [EscPosCommand, number]> = {
        0x40: ['init', 2], // ESC @
        0x61: ['align', 3], // ESC a n
        0x45: ['bold', 3], // ESC E n
        0x21: ['print-mode', 3], // ESC ! n
        0x64: ['feed', 3], // ESC d n
        0x33: ['line-spacing', 3], // ESC 3 n
        0x32: ['line-spacing', 2], // ESC 2
      };
      const c = next === undefined ? undefined : cmd[next];
      if (!c) fail(i);
      out.commands.push(c![0]);
      i += c![1];
    } else if (b === GS && next === 0x21) {
      out.commands.push('size'); // GS ! n
      i += 3;
    } else if (b === GS && next === 0x56) {
      out.commands.push('cut'); // GS V m [n]
      const m = bytes[i + 2]!;
      i += m === 65 || m === 66 ? 4 : 3;
    } else if (b === GS && next === 0x72) {
      out.commands.push('paper-status'); // GS r n
      i += 3;
    } else if (b === GS && next === 0x28 && bytes[i + 2] === 0x6b) {
      // GS ( k pL pH cn fn [data]: QR code functions.
      const len = bytes[i + 3]! + bytes[i + 4]! * 256;
      const fn = bytes[i + 6];
      const names: Record<number, EscPosCommand> = { 0x41: 'qr-model', 0x43: 'qr-size', 0x45: 'qr-correction', 0x50: 'qr-store', 0x51: 'qr-print' };
      const name = fn === undefined ? undefined : names[fn];
      if (bytes[i + 5] !== 0x31 || !name) fail(i);
      out.commands.push(name!);
      if (name === 'qr-store') out.qr.push(Buffer.from(bytes.subarray(i + 8, i + 5 + len)).toString('latin1'));
      i += 5 + len;
    } else if (b === FS && next === 0x26) {
      out.commands.push('chinese-mode'); // FS &
      i += 2;
    } else if (b === DLE && next === 0x04) {
      out.commands.push('status-query'); // DLE EOT n
      i += 3;
    } else if (b < 0x20) {
      fail(i);
    } else {
      // Text: GB18030 trail bytes are all ≥ 0x30, so no control byte can sit inside a character.
      text.push(b);
      i += 1;
    }
  }
  if (text.length > 0) flush();
  return out;
}
