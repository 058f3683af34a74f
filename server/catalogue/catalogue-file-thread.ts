/**
 * Reads a catalogue file in a worker thread. Measured on the 2-core machine: 1,503 rows take
 * 160–230 ms as CSV (csv-parse) and 280–800 ms as XLSX (exceljs), blocking for up to 320 ms at a
 * time — far past the 50 ms any request may hold the event loop, so the parse runs elsewhere and
 * the kiosk keeps its answers. A worker per import: imports are rare, and nothing stays running.
 */
import { Worker } from 'node:worker_threads';
import type { CatalogueRow } from '../domain/catalogue';
import { CatalogueFileError } from './catalogue-file';

export type WorkerAnswer = { ok: true; rows: CatalogueRow[] } | { ok: false; code: CatalogueFileError['code']; message: string };

/** Longer than any real file takes; a worker stuck past it is ended and the file refused. */
const PARSE_TIMEOUT_MS = 30_000;

export function readCatalogueFileOffThread(bytes: Buffer): Promise<CatalogueRow[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./catalogue-worker-boot.mjs', import.meta.url));
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new CatalogueFileError('bad_file', 'the file took too long to read'));
    }, PARSE_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      void worker.terminate();
    };
    worker.once('message', (answer: WorkerAnswer) => {
      done();
      if (answer.ok) resolve(answer.rows);
      else reject(new CatalogueFileError(answer.code, answer.message));
    });
    worker.once('error', (err) => {
      done();
      reject(err);
    });
    const copy = new Uint8Array(bytes);
    worker.postMessage(copy, [copy.buffer]);
  });
}
