/**
 * `npm run config:import -- file.json [--apply]`: shows, per hall, how the file differs from the
 * store (areas, windows, devices, calendar entries…), and with `--apply` writes it (by `cli`).
 * A hall whose change today's queue forbids (a window with a clerk or ticket, an area with waiting
 * citizens) is refused; so is an invalid one, with every problem listed. The file is an export, or
 * a QMS_CONFIG file (its staff and password hashes are ignored: accounts are separate).
 * Exit code: 0 when everything asked was done, 1 when some hall was refused.
 */
import { readFileSync } from 'node:fs';
import { fromHallDoc, HALL_KEY_PREFIX, hallDocProblems, hallKey, type HallDoc } from '../server/config/hall-doc';
import { diffHall } from '../server/config/hall-diff';
import { configChangeProblems } from '../server/domain/config-change';
import { foldEvents } from '../server/domain/evolve';
import { localDate } from '../server/domain/time';
import { openConfigStore } from './config-store';

const args = process.argv.slice(2);
const apply = args.includes('--apply');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  console.error('usage: npm run config:import -- file.json [--apply]');
  process.exit(2);
}

/** A hall of the file as a document: staff and sign-in secrets are not configuration. */
function asDoc(raw: unknown, retired: boolean): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const { staff: _staff, ...rest } = raw as Record<string, unknown>;
  const devices = Array.isArray(rest.devices)
    ? rest.devices.map((d: Record<string, unknown>) => Object.fromEntries(Object.entries(d).filter(([k]) => k !== 'passwordHash')))
    : rest.devices;
  return { retired, ...rest, devices };
}

let parsed: { halls?: unknown };
try {
  parsed = JSON.parse(readFileSync(file, 'utf8')) as { halls?: unknown };
} catch (err) {
  console.error(`${file}: ${(err as Error).message}`);
  process.exit(2);
}
if (!Array.isArray(parsed.halls)) {
  console.error(`${file}: expected {"halls": [...]}`);
  process.exit(2);
}

const store = await openConfigStore();
let refused = 0;
try {
  const current = new Map((await store.listDocs(HALL_KEY_PREFIX)).map((d) => [d.key, d]));
  for (const raw of parsed.halls as unknown[]) {
    const id = typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string' ? (raw as { id: string }).id : '(no id)';
    const stored = current.get(hallKey(id));
    const before = stored ? (JSON.parse(stored.value) as HallDoc) : null;
    const candidate = asDoc(raw, before?.retired ?? false);
    const problems = hallDocProblems(candidate);
    console.log(`hall ${id}${stored ? ` (version ${stored.version})` : ' (new)'}`);
    if (problems.length > 0) {
      refused++;
      for (const p of problems) console.log(`  ! ${p}`);
      continue;
    }
    const hall = candidate as HallDoc;
    const lines = diffHall(before, hall);
    if (lines.length === 0) {
      console.log('  (no change)');
      continue;
    }
    for (const l of lines) console.log(`  ${l}`);
    if (before && hall.timezone !== before.timezone) {
      refused++;
      console.log(`  ! /timezone: is ${before.timezone} and cannot change`);
      continue;
    }
    if (before) {
      const today = localDate(Date.now(), before.timezone);
      const state = foldEvents(fromHallDoc(before), today, await store.read({ hallId: id, day: today }));
      const live = configChangeProblems(state, fromHallDoc(hall));
      if (live.length > 0) {
        refused++;
        for (const p of live) console.log(`  ! ${p.code}: ${p.message}`);
        continue;
      }
    }
    if (!apply) continue;
    const result = await store.writeDoc(hallKey(id), stored?.version ?? 0, JSON.stringify(hall), { by: 'cli', at: Date.now() });
    if (result.ok) {
      console.log(`  applied: version ${result.version}`);
    } else {
      refused++;
      console.log(`  ! version_conflict: changed meanwhile (now version ${result.version}); export and try again`);
    }
  }
  const inFile = new Set((parsed.halls as Array<{ id?: unknown }>).map((h) => h?.id));
  for (const key of current.keys())
    if (!inFile.has(key.slice(HALL_KEY_PREFIX.length))) console.log(`hall ${key.slice(HALL_KEY_PREFIX.length)}: not in the file, unchanged`);
  if (!apply) console.log('dry run: nothing was changed (add --apply to apply)');
} finally {
  await store.close();
}
process.exit(refused > 0 ? 1 : 0);
