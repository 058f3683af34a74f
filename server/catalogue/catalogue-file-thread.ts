/**
 * Reads a catalogue file in a worker thread. Measured on the 2-core machine: 1,503 rows take
 * 160–230 ms as CSV (csv-parse) and 280–800 ms as XLSX (exceljs), blocking for up to 320 ms at a
 * time — far past the 50 ms any request may hold the event loop — so the parse runs elsewhere and
 * the kiosk keeps its answers. One worker per process, started at the first import (loading tsx
 * and exceljs takes a couple of seconds) and kept, unreferenced, so it never holds the process up.
 */
import { Worker } from 'node:worker_threads';
import type { CatalogueRow } from '../domain/catalogue';
import { CatalogueFileError } from './catalogue-file';

export type WorkerAnswer = { id: number } & ({ ok: true; rows: CatalogueRow[] } | { ok: false; code: CatalogueFileError['code']; message: string });

/** Longer than any real file takes; a worker stuck past it is ended and the file refused. */
const PARSE_TIMEOUT_MS = 30_000;

interface Pending {
  resolve: (rows: CatalogueRow[]) => void;
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

function parser(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./catalogue-worker-boot.mjs', import.meta.url));
  w.unref();
  w.on('message', (answer: WorkerAnswer) => {
    const p = pending.get(answer.id);
    if (!p) return;
    pending.delete(answer.id);
    clearTimeout(p.timer);
    if (answer.ok) p.resolve(answer.rows);
    else p.reject(new CatalogueFileError(answer.code, answer.message));
  });
  w.on('error', (err) => failAll(err));
  w.on('exit', () => {
    if (worker === w) worker = null;
    failAll(new Error('the catalogue parser stopped'));
  });
  worker = w;
  return w;
}

export function readCatalogueFileOffThread(bytes: Buffer): Promise<CatalogueRow[]> {
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    const w = parser();
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new CatalogueFileError('bad_file', 'the file took too long to read'));
      // Whatever it is stuck on, the next import gets a fresh worker.
      if (worker === w) worker = null;
      void w.terminate();
    }, PARSE_TIMEOUT_MS);
    pending.set(id, { resolve, reject, timer });
    const copy = new Uint8Array(bytes);
    w.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}
