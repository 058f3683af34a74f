/**
 * Every Redis key the store uses, built here and nowhere else. `{hallId}` is a hash tag: all keys
 * of one hall land in one Redis Cluster slot, so a hall's script can touch them together.
 */
export function redisKeys(prefix: string) {
  return {
    stream: (hallId: string, day: string) => `${prefix}{${hallId}}:events:${day}`,
    days: (hallId: string) => `${prefix}{${hallId}}:days`,
    value: (key: string) => `${prefix}kv:${key}`,
    /** Pub/sub channel announcing appends to every node. */
    appended: `${prefix}appended`,
  };
}
