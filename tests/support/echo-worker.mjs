// A worker for WorkerChannel's tests: answers each job with the thread that ran it; `hang` never
// answers (a stuck job).
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', ({ id, hang }) => {
  if (hang) return;
  parentPort.postMessage({ id, ok: true, threadId });
});
