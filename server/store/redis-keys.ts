/**
 * Every Redis key the store uses, built here and nowhere else. `{hallId}` is a hash tag: all keys
 * of one hall land in one Redis Cluster slot, so a hall's script can touch them together.
 */
export function redisKeys(prefix: string) {
  return {
    stream: (hallId: string, day: string) => `${prefix}{${hallId}}:events:${day}`,
    days: (hallId: string) => `${prefix}{${hallId}}:days`,
    /** The days whose raw events left Redis for the history store (still listed in `days`). */
    trimmed: (hallId: string) => `${prefix}{${hallId}}:trimmed`,
    /** A hash of the hall's day rollups, field = day: one HMGET reads a year. */
    rollups: (hallId: string) => `${prefix}{${hallId}}:rollups`,
    /** Written only to be replicated: the barrier before a WAIT that confirms events already stored. */
    confirmed: (hallId: string) => `${prefix}{${hallId}}:confirmed`,
    value: (key: string) => `${prefix}kv:${key}`,
    /** Configuration documents share the `{config}` tag: one write touches a document, the index and the change log together. */
    doc: (key: string) => `${prefix}{config}:doc:${key}`,
    docIndex: `${prefix}{config}:docs`,
    /** A hash per record collection (field = record id). */
    records: (collection: string) => `${prefix}records:${collection}`,
    docChanges: `${prefix}{config}:changes`,
    /** Pub/sub channel announcing document writes to every node. */
    docWritten: `${prefix}config-written`,
    /** The audit trail: a stream whose entry ids are the records' places (`7-0` is record 7). */
    auditTrail: `${prefix}{audit}:trail`,
    /** Pub/sub channel announcing appends to every node. */
    appended: `${prefix}appended`,
  };
}
