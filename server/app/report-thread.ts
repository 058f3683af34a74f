/**
 * Reports merge their rollups in a worker thread. Measured on the 2-core machine with a year of a
 * busy hall: parsing twelve month rollups, merging them and writing a 2.7 MB answer is 100–400 ms
 * of CPU per report; done on the server's thread, even in 4 ms slices, every step of a ticket
 * issue queued behind three running reports (p99 346–403 ms, target 50). Here the server's thread
 * only reads the rollups from the store and sends the answer's bytes (moved back, not copied).
 * One thread per process, started at the first report and kept; it holds the process up only
 * while it has work.
 */
import { Worker } from 'node:worker_threads';
import type { MonthAnswer, MonthJob, ReportAnswer, ReportJob } from './report-work';

export type ThreadJob = { kind: 'report'; job: ReportJob } | { kind: 'month'; job: MonthJob };
export type ThreadAnswer = { id: number } & ({ ok: true; value: ReportAnswer | MonthAnswer } | { ok: false; message: string });

/** Far longer than any report takes; a thread stuck past it is ended and the report fails. */
const JOB_TIMEOUT_MS = 120_000;

interface Pending {
  resolve: (value: ReportAnswer | MonthAnswer) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();

function failAll(err: Error): void {
  for (const p of pending.values()) {
    clearTimeout(p.timer);
    p.reject(err);
  }
  pending.clear();
}

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./report-worker-boot.mjs', import.meta.url));
  w.unref();
  w.on('message', (answer: ThreadAnswer) => {
    const p = pending.get(answer.id);
    if (!p) return;
    pending.delete(answer.id);
    clearTimeout(p.timer);
    if (pending.size === 0) w.unref();
    if (answer.ok) p.resolve(answer.value);
    else p.reject(new Error(`report thread: ${answer.message}`));
  });
  w.on('error', (err) => failAll(err));
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(new Error('the report thread stopped'));
  });
  worker = w;
  return w;
}

/**
 * The rollup bytes of a job that can be moved to the thread rather than copied: those alone in
 * their memory (a file read whole), never a slice of a buffer shared with others.
 */
function movable(job: ThreadJob): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const texts = job.kind === 'report' ? [...job.job.months, ...job.job.days] : job.job.days;
  for (const { text } of texts) {
    if (text instanceof Uint8Array && text.byteOffset === 0 && text.buffer.byteLength === text.byteLength && text.buffer instanceof ArrayBuffer) out.add(text.buffer);
  }
  return [...out];
}

function run(job: ThreadJob): Promise<ReportAnswer | MonthAnswer> {
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    const w = thread();
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('the report took too long'));
      // Whatever it is stuck on, the next report gets a fresh thread.
      if (worker === w) worker = null;
      void w.terminate();
    }, JOB_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    // A script waiting only for a report must not exit under it.
    w.ref();
    w.postMessage({ id, job }, movable(job));
  });
}

/** `runReport` in the report thread. */
export function reportOffThread(job: ReportJob): Promise<ReportAnswer> {
  return run({ kind: 'report', job }) as Promise<ReportAnswer>;
}

/** `runMonth` in the report thread. */
export function monthOffThread(job: MonthJob): Promise<MonthAnswer> {
  return run({ kind: 'month', job }) as Promise<MonthAnswer>;
}
