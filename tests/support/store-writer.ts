/**
 * A separate process that races to append to one hall's stream, for the "two writers never both
 * win" contract test. Usage: tsx store-writer.ts <redis-url|data-dir|"redis-url postgres-url"> <prefix> <writer-name> <appends>
 * Prints one JSON line: {wins, conflicts} or {error}.
 */
import type { HallEvent } from '../../server/domain/events';
import { EmbeddedEventStore } from '../../server/store/embedded-store';
import type { EventStore } from '../../server/store/event-store';
import { RedisEventStore } from '../../server/store/redis-store';
import { openTiered } from './store-backends';

const [where, prefix, writer, count, startAt] = process.argv.slice(2) as [string, string, string, string, string?];
const stream = { hallId: 'race', day: '2026-11-26' };

function event(version: number, n: number): HallEvent {
  return {
    type: 'notice.posted',
    notice: { id: `${writer}-${n}`, text: `${writer} ${n}` },
    hallId: 'race',
    day: stream.day,
    version,
    at: '2026-11-26T09:00:00.000+08:00',
    commandId: `${writer}-${n}`,
    actor: null,
  };
}

async function main() {
  let store: EventStore;
  try {
    const [redisUrl, postgresUrl] = where.split(' ');
    store = postgresUrl
      ? await openTiered(redisUrl!, postgresUrl, prefix)
      : where.startsWith('redis://')
        ? await RedisEventStore.open({ url: where, prefix })
        : await EmbeddedEventStore.open({ dataDir: where });
  } catch (err) {
    console.log(JSON.stringify({ error: (err as Error).message }));
    return;
  }
  if (startAt) await new Promise((r) => setTimeout(r, Math.max(0, Number(startAt) - Date.now())));
  let wins = 0;
  let conflicts = 0;
  // Each writer appends at the version it last saw, without reading first: both start at 0, so
  // whichever arrives second is refused at least once, however the two are scheduled.
  let expected = 0;
  for (let n = 0; n < Number(count);) {
    const r = await store.append(stream, expected, [event(expected + 1, n)]);
    if (r.ok) {
      wins++;
      n++;
    } else conflicts++;
    expected = r.version;
  }
  console.log(JSON.stringify({ wins, conflicts }));
  await store.close();
}

void main();
