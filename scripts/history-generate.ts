/**
 * `npm run history:generate -- --hall yuxi --days 366 --tickets 700 [--seed 1] [--every-day] [--trend 0.1] [--flat]`:
 * writes realistic past days (ending yesterday, hall-local) into the configured store, each day
 * closed and rolled up like a real one; days that already have events are left alone. Days the
 * hall's calendar keeps closed are skipped unless `--every-day`. Arrivals follow the hall's
 * calendar (weekday and hour, the days around holidays and 调休, month- and quarter-end peaks in
 * tax and fund areas, night and morning markets, a yearly `--trend`; `--tickets` is an ordinary
 * Thursday's mean) unless `--flat` (`--tickets` citizens every open day, spread evenly).
 */
import { daysBefore, DEFAULT_PLAN, writeHistory } from '../server/app/history-generator';
import { localDate } from '../server/domain/time';
import { openConfigStore } from './config-store';
import { fail, hallConfig, parseArgs } from './history-hall';

const args = parseArgs(process.argv.slice(2));
const hallId =
  args.get('hall') ?? fail('usage: npm run history:generate -- --hall yuxi --days 366 --tickets 700 [--seed 1] [--every-day] [--trend 0.1] [--flat]');
const days = Number(args.get('days') ?? 30);
const tickets = Number(args.get('tickets') ?? 700);
const seed = Number(args.get('seed') ?? 1);
const trendPerYear = Number(args.get('trend') ?? 0.1);
if (!Number.isInteger(days) || days < 1 || days > 3660) fail('--days: 1 to 3660');
if (!Number.isInteger(tickets) || tickets < 0 || tickets > 5000) fail('--tickets: 0 to 5000');
if (!Number.isInteger(seed)) fail('--seed: an integer');
if (!Number.isFinite(trendPerYear) || Math.abs(trendPerYear) > 1) fail('--trend: a yearly growth between -1 and 1');

const store = await openConfigStore({ maxStreams: 4 });
try {
  const config = await hallConfig(store, hallId);
  const today = localDate(Date.now(), config.timezone);
  const started = performance.now();
  let shown = started;
  const result = await writeHistory(
    store,
    config,
    daysBefore(today, days),
    { ...DEFAULT_PLAN, tickets, seed, everyDay: args.has('every-day'), calendarEffects: !args.has('flat'), trendPerYear },
    (day) => {
      if (performance.now() - shown > 5000) {
        shown = performance.now();
        console.error(`… ${day}`);
      }
    },
  );
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `${hallId}: wrote ${result.written.length} day(s) (${result.written[0] ?? '-'} … ${result.written.at(-1) ?? '-'}), ${result.tickets} tickets, ${result.events} events in ${seconds.toFixed(1)} s` +
      `; kept ${result.kept.length} day(s) that had events; ${result.closed.length} closed day(s) skipped`,
  );
} finally {
  await store.close();
}
