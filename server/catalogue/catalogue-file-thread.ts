/**
 * Reads a catalogue file in a worker thread. Measured on the 2-core machine: 1,503 rows take
 * 160–230 ms as CSV (csv-parse) and 280–800 ms as XLSX (exceljs), blocking for up to 320 ms at a
 * time — far past the 50 ms any request may hold the event loop — so the parse runs elsewhere and
 * the kiosk keeps its answers. One worker per process, started at the first import (loading tsx
 * and exceljs takes a couple of seconds) and kept, unreferenced, so it never holds the process up.
 */
import { WorkerChannel, type WorkerReply } from '../app/worker-channel';
import type { CatalogueRow } from '../domain/catalogue';
import { CatalogueFileError } from './catalogue-file';

type Failed = { code: CatalogueFileError['code']; message: string };
export type WorkerAnswer = WorkerReply<{ rows: CatalogueRow[] }, Failed>;

const parser = new WorkerChannel<{ rows: CatalogueRow[] }, Failed>({
  script: new URL('./catalogue-worker-boot.mjs', import.meta.url),
  name: 'catalogue parser',
  // Longer than any real file takes; a worker stuck past it is ended and the file refused.
  timeoutMs: 30_000,
  holdWhileBusy: false,
  failure: (reply) => new CatalogueFileError(reply.code, reply.message),
  tooLong: () => new CatalogueFileError('bad_file', 'the file took too long to read'),
});

export async function readCatalogueFileOffThread(bytes: Buffer): Promise<CatalogueRow[]> {
  const copy = new Uint8Array(bytes);
  return (await parser.run({ bytes: copy }, [copy.buffer])).rows;
}
