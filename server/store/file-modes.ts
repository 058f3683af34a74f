/**
 * Who may read the data directory: its owner only. Journals hold citizens' sealed phone numbers,
 * account documents and password hashes (the configuration journal keeps every hash ever set), and
 * the token secret: another local user reading them could sign tokens or crack hashes at leisure.
 * Files are created 0600 and folders 0700; what an older version left more open is closed at start.
 */
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Closes every file (0600) and folder (0700) under `dir`, `dir` included, that is open to others. */
export function tightenModes(dir: string): void {
  const walk = (path: string): void => {
    const st = statSync(path);
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== DIR_MODE) chmodSync(path, DIR_MODE);
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (st.isFile() && (st.mode & 0o077) !== 0) {
      chmodSync(path, FILE_MODE);
    }
  };
  walk(dir);
}
