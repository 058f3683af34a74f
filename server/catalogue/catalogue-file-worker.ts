/**
 * The worker side of `readCatalogueFileOffThread`: parses each file it is sent and answers with
 * its rows or with why it cannot be read. Runs in its own thread, so parsing 1,503 XLSX rows
 * (~300 ms of exceljs) never holds the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { giveWayToTheServer } from '../app/thread-priority';
import { CatalogueFileError, readCatalogueFile } from './catalogue-file';
import type { WorkerAnswer } from './catalogue-file-thread';

// On 2 cores the parse (up to ~1 s of exceljs) otherwise competes with the server's own thread for
// a CPU: a full-run bench once saw the event loop wait 78 ms during an XLSX dry run.
giveWayToTheServer();

parentPort?.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  readCatalogueFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).then(
    (rows) => parentPort?.postMessage({ id, ok: true, rows } satisfies WorkerAnswer),
    (err: unknown) =>
      parentPort?.postMessage(
        (err instanceof CatalogueFileError
          ? { id, ok: false, code: err.code, message: err.message }
          : { id, ok: false, code: 'bad_file', message: err instanceof Error ? err.message : String(err) }) satisfies WorkerAnswer,
      ),
  );
});
