/**
 * Reports merge their rollups in a worker thread. Measured on the 2-core machine with a year of a
 * busy hall: parsing twelve month rollups, merging them and writing a 2.7 MB answer is 100–400 ms
 * of CPU per report; done on the server's thread, even in 4 ms slices, every step of a ticket
 * issue queued behind three running reports (p99 346–403 ms, target 50). Here the server's thread
 * only reads the rollups from the store and sends the answer's bytes (moved back, not copied).
 * One thread per process, started at the first report and kept while reports come (ended after
 * 30 s without one); it holds the process up only while it has work.
 */
import { WorkerChannel, type WorkerReply } from './worker-channel';
import type { DayAnswer, DayJob, ForecastAnswer, ForecastJob, MonthAnswer, MonthJob, ReportAnswer, ReportJob } from './report-work';

export type ThreadJob =
  { kind: 'report'; job: ReportJob } | { kind: 'month'; job: MonthJob } | { kind: 'day'; job: DayJob } | { kind: 'forecast'; job: ForecastJob };
type Answer = ReportAnswer | MonthAnswer | DayAnswer | ForecastAnswer;
export type ThreadAnswer = WorkerReply<{ value: Answer }, { message: string }>;

const reports = new WorkerChannel<{ value: Answer }, { message: string }>({
  script: new URL('./report-worker-boot.mjs', import.meta.url),
  name: 'report thread',
  // Far longer than any report takes; a thread stuck past it is ended and the report fails.
  timeoutMs: 120_000,
  // A script waiting only for a report must not exit under it.
  holdWhileBusy: true,
  failure: (reply) => new Error(`report thread: ${reply.message}`),
  tooLong: () => new Error('the report took too long'),
  resourceLimits: {
    // V8's default young generation let the thread's heap grow to ~70 MB between collections, and
    // the process's memory stayed 116 MB above where it started after 38 yearly reports; at 16 MB
    // it stays ~65 MB above (measured), for a little more collecting.
    maxYoungGenerationSizeMb: 16,
    // Far above any report (a year of a busy hall is ~6 MB of rollups); a runaway job ends the
    // thread (its report fails, the next one gets a fresh thread), never the server.
    maxOldGenerationSizeMb: 512,
  },
  // Its memory (~40 MB: a second V8 heap and module loader) goes back when reports stop; the next
  // report starts a fresh thread.
  idleMs: 30_000,
});

/**
 * The rollup bytes of a job that can be moved to the thread rather than copied: those alone in
 * their memory (a file read whole), never a slice of a buffer shared with others.
 */
function movable(job: ThreadJob): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  if (job.kind === 'day') return [];
  const texts = job.kind === 'report' ? [...job.job.months, ...job.job.days] : job.kind === 'forecast' ? job.job.history : job.job.days;
  for (const { text } of texts) {
    if (text instanceof Uint8Array && text.byteOffset === 0 && text.buffer.byteLength === text.byteLength && text.buffer instanceof ArrayBuffer)
      out.add(text.buffer);
  }
  return [...out];
}

async function run(job: ThreadJob): Promise<Answer> {
  return (await reports.run({ job }, movable(job))).value;
}

/** `runReport` in the report thread. */
export function reportOffThread(job: ReportJob): Promise<ReportAnswer> {
  return run({ kind: 'report', job }) as Promise<ReportAnswer>;
}

/** `runMonth` in the report thread. */
export function monthOffThread(job: MonthJob): Promise<MonthAnswer> {
  return run({ kind: 'month', job }) as Promise<MonthAnswer>;
}

/** `runDay` in the report thread: the day's events are copied there (about 5 ms for a busy day's 3,000), folded there (20–60 ms). */
export function dayOffThread(job: DayJob): Promise<DayAnswer> {
  return run({ kind: 'day', job }) as Promise<DayAnswer>;
}

/** `runForecast` in the report thread: the rollups' bytes are moved there, the forecast comes back. */
export function forecastOffThread(job: ForecastJob): Promise<ForecastAnswer> {
  return run({ kind: 'forecast', job }) as Promise<ForecastAnswer>;
}
