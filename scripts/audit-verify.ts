/**
 * `npm run audit:verify`: walks the whole audit trail (Redis and its PostgreSQL archive, or the
 * embedded store's `audit.jsonl` under DATA_DIR, read without disturbing a running server) and
 * names the first record that was altered or removed. Exit 0: intact; 1: broken; 2: cannot check.
 */
import { join } from 'node:path';
import { verifyEntries } from '../server/audit/audit-trail';
import { loadSettings } from '../server/config/settings';
import type { ChainCheck } from '../server/domain/audit-record';
import { AUDIT_JOURNAL, readAuditJournal } from '../server/store/embedded-store';
import { openStore } from '../server/store/open-store';

const PROBLEMS = {
  altered: '被篡改 · was altered',
  removed: '被删除 · was removed',
  unreadable: '无法读取 · is unreadable (altered)',
} as const;

async function check(): Promise<ChainCheck> {
  const settings = loadSettings(process.env);
  if (!settings.redis) {
    // Read as the file is, without the store's lock: the server may be running.
    const records = readAuditJournal(join(settings.dataDir, AUDIT_JOURNAL));
    return verifyEntries(async (after) => records.slice(after, after + 1000).map((record, i) => ({ seq: after + i + 1, record })));
  }
  const store = await openStore(settings);
  try {
    return await verifyEntries((after) => store.readAudit({ after, limit: 1000 }));
  } finally {
    await store.close();
  }
}

try {
  const result = await check();
  if (result.ok) {
    console.log(`审计记录完整 · audit trail intact: ${result.records} records${result.last ? `, last #${result.last.seq} ${result.last.hash}` : ''}`);
  } else {
    console.error(
      `审计记录第 ${result.seq} 条${PROBLEMS[result.problem]} · audit record #${result.seq} ${PROBLEMS[result.problem].split(' · ')[1]} (${result.records} records read)`,
    );
    process.exit(1);
  }
} catch (err) {
  console.error(`audit:verify could not read the trail: ${(err as Error).message}`);
  process.exit(2);
}
