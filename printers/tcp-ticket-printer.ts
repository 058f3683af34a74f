/**
 * ESC/POS over raw TCP (port 9100), the way network receipt printers take jobs.
 *
 * Before sending a ticket it asks the printer for its paper status (DLE EOT 4, a real-time command
 * every ESC/POS printer answers at once). Without that question a printer that accepts the
 * connection but never prints would look like success, since the bytes only reached our kernel;
 * with it, "no answer" and "no paper" are failures the kiosk can tell the citizen about. Every
 * phase has its own timeout, and together they stay well under the 5 s a kiosk may wait.
 */
import { connect, isIP } from 'node:net';
import { OutboundPolicy, OutboundRefused } from '../server/outbound/outbound-policy';
import { EscPosTicketRenderer } from './escpos-ticket';
import type { TicketLayout } from './ticket-layout';
import { PrintError, type PrintErrorCode, type TicketPrinter } from './ticket-printer';

/** DLE EOT 4: transmit roll paper sensor status. */
const PAPER_STATUS_QUERY = Buffer.from([0x10, 0x04, 0x04]);

export interface TcpPrinterOptions {
  /** Connecting (SYN answered). */
  connectTimeoutMs?: number;
  /** The printer answering the status question. */
  answerTimeoutMs?: number;
  /** Handing the ticket's bytes over. */
  writeTimeoutMs?: number;
  renderer?: EscPosTicketRenderer;
  /**
   * Which printer addresses may be connected to: by default LAN addresses on ports 9100–9109 only
   * (`server/domain/outbound-rules.ts`); the server passes its policy with QMS_OUTBOUND_ALLOW.
   */
  outbound?: OutboundPolicy;
}

export type PaperStatus = 'ok' | 'near-end' | 'out';

export interface PrinterStatus {
  paper: PaperStatus;
  /** The status byte as the printer sent it. */
  byte: number;
}

/** `tcp://host:9100` → host and port. */
function parsePrinterAddress(address: string): { host: string; port: number } {
  const m = /^tcp:\/\/([^:/]+):(\d+)$/.exec(address);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 1 || port > 65535) throw new PrintError('printer_bad_address', `expected tcp://host:9100, got ${address}`);
  return { host: m[1]!, port };
}

/**
 * Reads the answer to DLE EOT 4. Bits 1 and 4 are always set and bits 0 and 7 clear; bits 2–3 say
 * the roll is nearly out, bits 5–6 that it is out. A byte of another shape still proves the
 * printer is alive, so it counts as paper present.
 */
function paperStatus(byte: number): PaperStatus {
  if ((byte & 0x93) !== 0x12) return 'ok';
  if (byte & 0x60) return 'out';
  if (byte & 0x0c) return 'near-end';
  return 'ok';
}

const SOCKET_ERRORS: Record<string, PrintErrorCode> = {
  ECONNREFUSED: 'printer_refused',
  EHOSTUNREACH: 'printer_unreachable',
  ENETUNREACH: 'printer_unreachable',
  ENOTFOUND: 'printer_unreachable',
  EAI_AGAIN: 'printer_unreachable',
  EADDRNOTAVAIL: 'printer_unreachable',
};

export class TcpTicketPrinter implements TicketPrinter {
  private readonly connectTimeoutMs: number;
  private readonly answerTimeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly renderer: EscPosTicketRenderer;
  private readonly outbound: OutboundPolicy;

  constructor(opts: TcpPrinterOptions = {}) {
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 1500;
    this.answerTimeoutMs = opts.answerTimeoutMs ?? 1500;
    this.writeTimeoutMs = opts.writeTimeoutMs ?? 1000;
    this.renderer = opts.renderer ?? new EscPosTicketRenderer();
    this.outbound = opts.outbound ?? new OutboundPolicy();
  }

  async print(address: string, layout: TicketLayout): Promise<void> {
    await this.send(address, this.renderer.render(layout));
  }

  /** Sends ESC/POS bytes once the printer has said it has paper. */
  async send(address: string, bytes: Buffer): Promise<PrinterStatus> {
    return this.session(address, bytes);
  }

  /** Asks the printer for its paper status without printing. */
  async status(address: string): Promise<PrinterStatus> {
    return this.session(address, null);
  }

  private session(address: string, job: Buffer | null): Promise<PrinterStatus> {
    const { host, port } = parsePrinterAddress(address);
    // A literal address is checked here; a name at its resolution, inside the connection (no second lookup).
    if (isIP(host)) {
      const verdict = this.outbound.verdict('printer', host, port);
      if (!verdict.ok) return Promise.reject(new PrintError('printer_not_allowed', `${address}: ${new OutboundRefused(host, port, verdict).message}`));
    }
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, lookup: this.outbound.lookup('printer', port) });
      let phase: 'connect' | 'answer' | 'write' = 'connect';
      let status: PrinterStatus | null = null;
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (err: PrintError | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.destroy();
        if (err) reject(err);
        else resolve(status!);
      };
      const deadline = (ms: number, code: PrintErrorCode, message: string) => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(new PrintError(code, `${address}: ${message} within ${ms} ms`)), ms);
      };
      deadline(this.connectTimeoutMs, 'printer_unreachable', 'no connection');

      socket.once('connect', () => {
        phase = 'answer';
        deadline(this.answerTimeoutMs, 'printer_no_answer', 'no answer to the status query');
        socket.write(PAPER_STATUS_QUERY);
      });
      socket.on('data', (data) => {
        if (phase !== 'answer' || data.length === 0) return;
        const byte = data[data.length - 1]!;
        status = { paper: paperStatus(byte), byte };
        if (status.paper === 'out') return finish(new PrintError('printer_paper_out', `${address}: out of paper`));
        if (job === null) return finish(null);
        phase = 'write';
        deadline(this.writeTimeoutMs, 'printer_timeout', 'ticket not taken');
        // 'finish': every byte is handed to the kernel and our FIN queued behind it.
        socket.end(job, () => finish(null));
      });
      socket.on('error', (err: NodeJS.ErrnoException) => {
        if (err instanceof OutboundRefused) return finish(new PrintError('printer_not_allowed', `${address}: ${err.message}`));
        finish(new PrintError(SOCKET_ERRORS[err.code ?? ''] ?? 'printer_error', `${address}: ${err.code ?? err.message}`));
      });
      socket.on('close', () => finish(new PrintError('printer_error', `${address}: connection closed during ${phase}`)));
    });
  }
}
