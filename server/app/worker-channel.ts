/**
 * One long-lived worker thread answering numbered jobs: the shape both off-thread jobs share
 * (catalogue files, reports). Started at the first job and kept (or, with `idleMs`, ended after that
 * long without a job), unreferenced when idle so it never holds the process up; a job stuck past its
 * time limit is refused and the next job gets a fresh thread; a thread that dies fails every job it
 * held, and only those.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** What a worker posts back: the job's id, and either its answer or why it failed. */
export type WorkerReply<Ok, Failed> = { id: number } & (({ ok: true } & Ok) | ({ ok: false } & Failed));

export interface WorkerChannelOptions<Failed> {
  /** The boot script (an .mjs that loads the TypeScript worker). */
  script: URL;
  /** Names the thread in errors: "the report thread stopped". */
  name: string;
  timeoutMs: number;
  /** While a job runs, keep the process alive for it (a CLI waiting only for a report). */
  holdWhileBusy: boolean;
  /** The error a failed reply becomes. */
  failure: (reply: { ok: false } & Failed) => Error;
  /** The error a job past its time limit becomes. */
  tooLong: () => Error;
  /** The thread's heap limits (a thread past them is ended, not the process: its jobs fail). */
  resourceLimits?: ResourceLimits;
  /** End the thread after this long without a job (its memory goes back); the next job starts a fresh one. */
  idleMs?: number;
}

interface Pending<Ok> {
  resolve: (reply: Ok) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
  /** The thread the job was sent to: only its end fails the job. */
  worker: Worker;
}

export class WorkerChannel<Ok extends object, Failed extends object> {
  private worker: Worker | null = null;
  private nextId = 0;
  private readonly pending = new Map<number, Pending<Ok>>();
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: WorkerChannelOptions<Failed>) {}

  /** Posts `{id, ...message}` (moving `transfer`) and resolves with the worker's `ok` reply. */
  run(message: object, transfer: ArrayBuffer[] = []): Promise<Ok> {
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = null;
      const w = this.thread();
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(this.opts.tooLong());
        // Whatever it is stuck on, the next job gets a fresh thread.
        if (this.worker === w) this.worker = null;
        void w.terminate();
      }, this.opts.timeoutMs);
      this.pending.set(id, { resolve, reject, timer, worker: w });
      if (this.opts.holdWhileBusy) w.ref();
      w.postMessage({ id, ...message }, transfer);
    });
  }

  /** Fails the jobs sent to `w` (a thread that stopped); jobs sent to a newer thread go on. */
  private failAll(w: Worker, err: Error): void {
    for (const [id, p] of this.pending) {
      if (p.worker !== w) continue;
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  /** With `idleMs`, ends the thread once it has had no job for that long. */
  private retireWhenIdle(w: Worker): void {
    if (this.opts.idleMs === undefined || this.pending.size > 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== w || this.pending.size > 0) return;
      this.worker = null;
      void w.terminate();
    }, this.opts.idleMs);
    this.idleTimer.unref();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.opts.script, { resourceLimits: this.opts.resourceLimits });
    w.unref();
    w.on('message', (reply: WorkerReply<Ok, Failed>) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      if (this.pending.size === 0) w.unref();
      if (reply.ok) p.resolve(reply);
      else p.reject(this.opts.failure(reply));
      this.retireWhenIdle(w);
    });
    w.on('error', (err) => this.failAll(w, err));
    w.on('exit', () => {
      if (this.worker === w) this.worker = null;
      this.failAll(w, new Error(`the ${this.opts.name} stopped`));
    });
    this.worker = w;
    return w;
  }
}
