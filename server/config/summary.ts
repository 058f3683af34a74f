/**
 * The one start-up line saying what configuration is in effect: an installer reading the log (or
 * `journalctl -u qms@a`) sees which store, how many halls, whose X-Forwarded-* is believed and
 * which page origins may connect, without reading the env file. Never a password.
 */
import { describeTopology } from '../store/redis-connection';
import type { Settings } from './settings';

export interface ConfigurationSummary {
  /** Structured fields for log search. */
  fields: Record<string, unknown>;
  /** The same, in one readable sentence. */
  message: string;
}

/** `redis://user:secret@host:6379/2` → `host:6379/2`: where it is, not how to get in. */
function withoutCredentials(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unreadable)';
  }
}

function passwordInUrl(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}

export function configurationSummary(settings: Settings, halls: number, listening: string): ConfigurationSummary {
  const store = settings.redis ? (settings.databaseUrl ? 'redis+postgres' : 'redis') : 'embedded';
  // A single Redis is named by its address; Sentinel and Cluster by the topology's own words.
  const topology = settings.redis;
  // Whether passwords are in use, never the passwords.
  const urlPassword = topology?.kind === 'single' && passwordInUrl(topology.url);
  const auth = topology
    ? [topology.password || urlPassword ? 'data nodes' : '', topology.kind === 'sentinel' && topology.sentinelPassword ? 'sentinels' : ''].filter(Boolean)
    : [];
  const wait = settings.redisWait;
  const redis = topology
    ? {
        topology: topology.kind,
        at: topology.kind === 'single' ? withoutCredentials(topology.url) : describeTopology(topology),
        passwords: auth.length > 0 ? auth.join(',') : 'none',
        waitReplicas: wait.replicas,
        ...(wait.replicas > 0 ? { waitMs: wait.timeoutMs, waitStrict: wait.strict } : {}),
      }
    : null;
  const acknowledged =
    wait.replicas > 0
      ? `writes acknowledged once ${wait.replicas === 1 ? '1 replica holds' : `${wait.replicas} replicas hold`} them (wait ≤ ${wait.timeoutMs} ms; ${wait.strict ? 'strict: refused while fewer are connected' : 'fewer while fewer are connected, down to the primary alone'})`
      : 'writes acknowledged by the primary alone';
  const trustProxy = settings.trustProxy === false ? 'none' : settings.trustProxy.join(',');
  const origins = settings.allowedOrigins.length > 0 ? settings.allowedOrigins.join(',') : '(the page’s own host only)';
  const storeText =
    store === 'embedded'
      ? `embedded in ${settings.dataDir}`
      : `${store} (redis ${redis!.topology} at ${redis!.at}, passwords: ${redis!.passwords}, ${acknowledged}${settings.databaseUrl ? `, postgres at ${withoutCredentials(settings.databaseUrl)}` : ''})`;
  return {
    fields: {
      event: 'configuration',
      store,
      ...(redis ? { redis } : {}),
      ...(settings.databaseUrl ? { postgres: withoutCredentials(settings.databaseUrl) } : {}),
      dataDir: settings.dataDir,
      halls,
      trustProxy,
      allowedOrigins: settings.allowedOrigins,
      publicUrl: settings.publicUrl,
      listening,
      logFormat: settings.logFormat,
    },
    message:
      `configuration: store ${storeText}; ${halls} hall${halls === 1 ? '' : 's'}; trust proxy ${trustProxy}; ` +
      `allowed origins ${origins}; public URL ${settings.publicUrl ?? '(each request’s own)'}; listening on ${listening}`,
  };
}
