/**
 * The report thread's side of `report-thread.ts`: runs each job it is sent (`report-work.ts`) and
 * answers; a big answer's bytes are moved to the server's thread, not copied.
 */
import { parentPort } from 'node:worker_threads';
import { runDay, runForecast, runMonth, runReport } from './report-work';
import type { ThreadAnswer, ThreadJob } from './report-thread';
import { giveWayToTheServer } from './thread-priority';

giveWayToTheServer();

parentPort?.on('message', ({ id, job }: { id: number; job: ThreadJob }) => {
  let answer: ThreadAnswer;
  try {
    answer = {
      id,
      ok: true,
      value:
        job.kind === 'report'
          ? runReport(job.job)
          : job.kind === 'month'
            ? runMonth(job.job)
            : job.kind === 'forecast'
              ? runForecast(job.job)
              : runDay(job.job),
    };
  } catch (err) {
    answer = { id, ok: false, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  const value = answer.ok ? answer.value : null;
  const bytes = value && 'bytes' in value ? value.bytes : null;
  parentPort?.postMessage(answer, bytes ? [bytes.buffer as ArrayBuffer] : []);
});
