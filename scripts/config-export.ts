/**
 * `npm run config:export [-- file.json]`: writes the current configuration of every hall (retired
 * ones included, marked) from the store, to the file or to standard output.
 */
import { writeFileSync } from 'node:fs';
import { HALL_KEY_PREFIX, type HallDoc } from '../server/config/hall-doc';
import { openConfigStore } from './config-store';

const file = process.argv[2];
const store = await openConfigStore();
try {
  const docs = await store.listDocs(HALL_KEY_PREFIX);
  const halls = docs.map((d) => JSON.parse(d.value) as HallDoc);
  const text = `${JSON.stringify({ halls }, null, 2)}\n`;
  if (file) {
    writeFileSync(file, text);
    console.error(`wrote ${halls.length} hall(s) to ${file}: ${docs.map((d) => `${d.key} v${d.version}`).join(', ')}`);
  } else {
    process.stdout.write(text);
  }
} finally {
  await store.close();
}
