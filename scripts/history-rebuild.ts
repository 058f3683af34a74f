/**
 * `npm run history:rebuild -- --hall yuxi --from 2026-01-01 --to 2026-11-30`: builds the rollups
 * of the hall's closed days in the range again from their events (after a change of the rollup
 * format, or to repair one), in the configured store.
 */
import { HallHistory } from '../server/app/hall-history';
import { isClosedDay } from '../server/domain/day-rollup';
import { localDate } from '../server/domain/time';
import { writeDaySummary } from '../server/metrics/halls-report';
import { reportDayProblem } from '../server/metrics/report-days';
import { openConfigStore } from './config-store';
import { fail, hallConfig, parseArgs } from './history-hall';

const args = parseArgs(process.argv.slice(2));
const usage = 'usage: npm run history:rebuild -- --hall yuxi --from 2026-01-01 --to 2026-11-30';
const hallId = args.get('hall') ?? fail(usage);
const from = args.get('from') ?? fail(usage);
const to = args.get('to') ?? fail(usage);
for (const [name, value] of [
  ['from', from],
  ['to', to],
] as const) {
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
  const allDays = await store.days(hallId);
  for (const day of allDays.filter((d) => d >= from && d <= to)) {
    const events = await store.read({ hallId, day });
    if (!isClosedDay(events)) {
      open.push(day);
      continue;
    }
    // The day's summary for the report across halls follows its rollup.
    await writeDaySummary(store, await history.rollUp(hallId, day, events));
    rebuilt++;
  }
  // The closed months these days belong to are merged again from them.
  const today = localDate(Date.now(), config.timezone);
  const months = [...new Set(allDays.filter((d) => d >= from && d <= to).map((d) => d.slice(0, 7)))].filter((m) => m < today.slice(0, 7));
  for (const month of months)
    await history.monthRollup(
      hallId,
      month,
      allDays.filter((d) => d.startsWith(`${month}-`)),
      today,
    );
  console.error(
    `${hallId}: rebuilt ${rebuilt} day rollup(s) and ${months.length} month rollup(s) from ${from} to ${to} in ${((performance.now() - started) / 1000).toFixed(1)} s${open.length ? `; ${open.length} day(s) not closed yet (${open.join(', ')}) are rolled up when they close` : ''}`,
  );
} finally {
  await store.close();
}
