/**
 * `npm run history:rebuild -- --hall yuxi --from 2026-01-01 --to 2026-11-30`: builds the rollups
 * of the hall's closed days in the range again from their events (after a change of the rollup
 * format, or to repair one), in the configured store.
 */
import { HallHistory } from '../server/app/hall-history';
import { isClosedDay } from '../server/domain/day-rollup';
import { reportDayProblem } from '../server/metrics/report-days';
import { openConfigStore } from './config-store';
import { fail, hallConfig, parseArgs } from './history-hall';

const args = parseArgs(process.argv.slice(2));
const usage = 'usage: npm run history:rebuild -- --hall yuxi --from 2026-01-01 --to 2026-11-30';
const hallId = args.get('hall') ?? fail(usage);
const from = args.get('from') ?? fail(usage);
const to = args.get('to') ?? fail(usage);
for (const [name, value] of [['from', from], ['to', to]] as const) {
  const problem = reportDayProblem(value);
  if (problem) fail(`--${name}: ${problem}`);
}
if (from > to) fail('--to: must not be before --from');

const store = await openConfigStore({ maxStreams: 4 });
try {
  const config = await hallConfig(store, hallId);
  const history = new HallHistory({ store, hall: (id) => (id === hallId ? config : undefined) });
  const started = performance.now();
  let rebuilt = 0;
  const open: string[] = [];
  for (const day of (await store.days(hallId)).filter((d) => d >= from && d <= to)) {
    const events = await store.read({ hallId, day });
    if (!isClosedDay(events)) {
      open.push(day);
      continue;
    }
    await history.rollUp(hallId, day, events);
    rebuilt++;
  }
  console.error(`${hallId}: rebuilt ${rebuilt} rollup(s) from ${from} to ${to} in ${((performance.now() - started) / 1000).toFixed(1)} s${open.length ? `; ${open.length} day(s) not closed yet (${open.join(', ')}) are rolled up when they close` : ''}`);
} finally {
  await store.close();
}
