/**
 * A ticket layout as ESC/POS bytes, built with node-thermal-printer. Its own text encoding is
 * bypassed: it has no GB18030 code page, and one character outside GBK (a rare name character, an
 * emoji) makes it switch to a Japanese code page and garbles the rest of the ticket. So every line
 * is encoded here with iconv-lite as GB18030 and added as a Buffer, which it passes through as is.
 */
import iconv from 'iconv-lite';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { wrapColumns } from './text-columns';
import type { TicketBlock, TicketLayout } from './ticket-layout';

/** ESC @ — initialise: clear the printer's buffer and reset every mode. */
const INIT = Buffer.from([0x1b, 0x40]);
/** FS & — select Chinese character mode, so multi-byte codes print as Chinese glyphs. */
const CHINESE_MODE = Buffer.from([0x1c, 0x26]);

/** Only the byte building is used; our own transport sends the bytes, so no `interface` is given. */
type RenderOnlyConfig = ConstructorParameters<typeof ThermalPrinter>[0];

export interface EscPosOptions {
  /** Columns of the normal font: 48 on 80 mm paper, 32 on 58 mm. */
  columns?: number;
  /** QR module size in dots (1–8). */
  qrCellSize?: number;
}

function encodeGb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}

export class EscPosTicketRenderer {
  readonly columns: number;
  private readonly qrCellSize: number;
  private readonly printer: ThermalPrinter;

  constructor(opts: EscPosOptions = {}) {
    this.columns = opts.columns ?? 48;
    this.qrCellSize = opts.qrCellSize ?? 6;
    if (!Number.isInteger(this.qrCellSize) || this.qrCellSize < 1 || this.qrCellSize > 8) throw new RangeError('qrCellSize: 1 to 8');
    this.printer = new ThermalPrinter({ type: PrinterTypes.EPSON, width: this.columns } as RenderOnlyConfig);
  }

  /** One ticket: initialise (ESC @), Chinese mode, the blocks, feed, cut (GS V). */
  render(layout: TicketLayout): Buffer {
    const p = this.printer;
    // The library keeps its buffer across calls: start clean and leave clean, or a ticket prints twice.
    p.clear();
    try {
      p.add(INIT);
      p.add(CHINESE_MODE);
      for (const block of layout.blocks) this.block(block);
      p.alignLeft();
      p.cut();
      return Buffer.from(p.getBuffer());
    } finally {
      p.clear();
    }
  }

  private block(b: TicketBlock): void {
    const p = this.printer;
    switch (b.kind) {
      case 'text': {
        p.alignLeft();
        if (b.align === 'center') p.alignCenter();
        if (b.align === 'right') p.alignRight();
        p.setTextSize(b.size - 1, b.size - 1);
        p.bold(b.bold);
        for (const line of wrapColumns(b.text, Math.floor(this.columns / b.size))) {
          p.add(encodeGb18030(line));
          p.newLine();
        }
        p.bold(false);
        p.setTextSize(0, 0);
        return;
      }
      case 'rule':
        p.alignLeft();
        p.add(Buffer.from('-'.repeat(this.columns), 'ascii'));
        p.newLine();
        return;
      case 'qr':
        // The library sizes the QR command from UTF-16 units: anything but ASCII would corrupt it.
        if (!/^[\x20-\x7e]+$/.test(b.data)) throw new RangeError('QR data must be printable ASCII');
        p.alignCenter();
        p.printQR(b.data, { model: 2, cellSize: this.qrCellSize, correction: 'M' });
        p.newLine();
        return;
      case 'feed':
        p.add(Buffer.from([0x1b, 0x64, b.lines]));
        return;
    }
  }
}
