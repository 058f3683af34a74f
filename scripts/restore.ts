/**
 * `npm run restore -- DIR`: brings the backup DIR back as DATA_DIR. The server must be stopped
 * (it refuses otherwise); what DATA_DIR held is kept beside it, never deleted.
 */
import { resolve } from 'node:path';
import { loadSettings } from '../server/config/settings';
import { RestoreRefused, restoreDataDir } from '../server/store/data-dir-backup';

const source = process.argv[2];
if (!source) {
  console.error('usage: npm run restore -- DIR   (DIR: a directory written by npm run backup; the server must be stopped)');
  process.exit(2);
}
const settings = loadSettings(process.env);
try {
  const { manifest, setAside } = await restoreDataDir(resolve(source), resolve(settings.dataDir), settings.backupKey);
  console.log(
    `restored ${resolve(source)} (taken ${manifest.takenAt}) into ${resolve(settings.dataDir)}: ${manifest.journals.length} journals, ${manifest.files.length} other files`,
  );
  if (setAside) console.log(`what ${resolve(settings.dataDir)} held before is kept in ${setAside}`);
  console.log('Start the server: numbering continues after the last ticket in the backup.');
} catch (err) {
  console.error(`restore refused: ${(err as Error).message}`);
  process.exit(err instanceof RestoreRefused ? 3 : 1);
}
