/**
 * A network receipt printer in software: a TCP server that takes ESC/POS jobs, answers the
 * real-time paper status query (DLE EOT) like a printer with paper — or stays silent, or reports
 * no paper — and keeps every job with its decoded text. Tests stand it in for the printer; a demo
 * without paper can point QMS_DEMO_PRINTER at it.
 */
import { EventEmitter, once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { decodeEscPos, type DecodedEscPos } from './escpos-decode';

export type VirtualPrinterMode = 'ok' | 'silent' | 'paper-out';

export interface PrintJob {
  bytes: Buffer;
  decoded: DecodedEscPos;
  /** Set when the bytes are not ESC/POS this decoder knows (then `decoded` is empty). */
  decodeError: string | null;
  /** When the connection carrying it closed (epoch ms). */
  receivedAt: number;
}

/** Status bytes a printer sends for DLE EOT 4: paper present, and paper end. */
const STATUS_OK = 0x12;
const STATUS_PAPER_OUT = 0x72;

export class VirtualPrinter {
  readonly jobs: PrintJob[] = [];
  /** What the printer does when asked for its status; may change while it runs. */
  mode: VirtualPrinterMode;
  private readonly events = new EventEmitter();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    mode: VirtualPrinterMode,
  ) {
    this.mode = mode;
  }

  static async start(opts: { mode?: VirtualPrinterMode; host?: string; port?: number } = {}): Promise<VirtualPrinter> {
    const server = createServer();
    const printer = new VirtualPrinter(server, opts.mode ?? 'ok');
    server.on('connection', (socket) => printer.serve(socket));
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
    await once(server, 'listening');
    return printer;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  /** `tcp://127.0.0.1:<port>`, as a hall config or QMS_DEMO_PRINTER names a printer. */
  get address(): string {
    return `tcp://127.0.0.1:${this.port}`;
  }

  /** The first job, arrived or yet to arrive, that `match` accepts. */
  jobWhere(match: (job: PrintJob) => boolean): Promise<PrintJob> {
    const have = this.jobs.find(match);
    if (have) return Promise.resolve(have);
    return new Promise((resolve) => {
      const onJob = (job: PrintJob) => {
        if (!match(job)) return;
        this.events.off('job', onJob);
        resolve(job);
      };
      this.events.on('job', onJob);
    });
  }

  /** The `index`-th job since the printer started (0 is the first), once it has arrived. */
  job(index: number): Promise<PrintJob> {
    return this.jobWhere((j) => this.jobs.indexOf(j) === index);
  }

  /** The first job whose text has a line equal to `line` (a ticket number, say). */
  jobWithLine(line: string): Promise<PrintJob> {
    return this.jobWhere((j) => j.decoded.lines.includes(line));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    const chunks: Buffer[] = [];
    let scanned = 0;
    socket.on('data', (data) => {
      chunks.push(data);
      const all = Buffer.concat(chunks);
      // Real-time commands are answered as they arrive, before the job is complete.
      for (let i = Math.max(0, scanned - 2); i + 2 < all.length; i++) {
        if (all[i] === 0x10 && all[i + 1] === 0x04 && this.mode !== 'silent') socket.write(Buffer.from([this.mode === 'ok' ? STATUS_OK : STATUS_PAPER_OUT]));
      }
      scanned = Math.max(scanned, all.length);
    });
    const done = () => {
      this.sockets.delete(socket);
      const bytes = Buffer.concat(chunks);
      chunks.length = 0;
      let decoded: DecodedEscPos = { lines: [], qr: [], commands: [] };
      let decodeError: string | null = null;
      try {
        decoded = decodeEscPos(bytes);
      } catch (err) {
        decodeError = (err as Error).message;
      }
      // A connection that only asked for the status printed nothing.
      if (decodeError === null && decoded.lines.length === 0 && decoded.commands.every((c) => c === 'status-query')) return;
      const job: PrintJob = { bytes, decoded, decodeError, receivedAt: Date.now() };
      this.jobs.push(job);
      this.events.emit('job', job);
    };
    socket.once('close', done);
    socket.on('error', () => {});
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
