/**
 * `npm run backup -- DIR`: a consistent copy of the embedded store (DATA_DIR) into DIR, taken while
 * the server runs (how: server/store/data-dir-backup.ts). DIR must not exist yet.
 */
import { resolve } from 'node:path';
import { loadSettings } from '../server/config/settings';
import { backupDataDir } from '../server/store/data-dir-backup';

const target = process.argv[2];
if (!target) {
  console.error('usage: npm run backup -- DIR   (copies DATA_DIR, the embedded store, into the new directory DIR)');
  process.exit(2);
}
const settings = loadSettings(process.env);
if (settings.redis) {
  console.error(
    'Redis is configured: the halls live in Redis, not in DATA_DIR. Back up Redis (RDB/AOF) and PostgreSQL (pg_dump) instead: see docs/operations.md.',
  );
  process.exit(2);
}
if (!settings.backupKey) {
  console.error(
    'QMS_BACKUP_KEY is not set: backups are encrypted (they hold password hashes and the token secret). Set QMS_BACKUP_KEY to 32 bytes (64 hex digits, e.g. from `openssl rand -hex 32`) and keep it apart from the backups.',
  );
  process.exit(2);
}
try {
  const m = await backupDataDir(resolve(settings.dataDir), resolve(target), { key: settings.backupKey, mode: settings.crypto });
  const lines = m.journals.reduce((n, j) => n + j.lines, 0);
  console.log(
    `backed up ${resolve(settings.dataDir)} to ${resolve(target)}: ${m.journals.length} journals (${lines} events and changes), ${m.files.length} other files, at ${m.takenAt}, encrypted (${settings.crypto === 'sm' ? 'SM4/SM3' : 'AES-256-GCM'})`,
  );
} catch (err) {
  console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
}
