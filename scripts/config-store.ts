/**
 * The store the settings point at (Redis: REDIS_URL, Sentinel or Cluster, with DATABASE_URL's history behind it, else the
 * embedded store in DATA_DIR), for the configuration and history commands. The embedded store is locked by a running server: say so plainly.
 */
import { loadSettings } from '../server/config/settings';
import type { EventStore } from '../server/store/event-store';
import { openStore } from '../server/store/open-store';

/** `maxStreams`: day streams the embedded store keeps in memory (a command writing a year keeps few). */
export async function openConfigStore(opts: { maxStreams?: number } = {}): Promise<EventStore> {
  const settings = loadSettings(process.env);
  try {
    return await openStore(settings, opts);
  } catch (err) {
    const message = (err as Error).message;
    if (/in use by process/.test(message)) {
      console.error(
        `${message}\nThe embedded store (DATA_DIR=${settings.dataDir}) belongs to a running server: stop it first, or run the servers on Redis (REDIS_URL, QMS_REDIS_SENTINELS or QMS_REDIS_CLUSTER) and change the configuration while they run.`,
      );
      process.exit(3);
    }
    throw err;
  }
}
