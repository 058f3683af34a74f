/**
 * The order of a hall's events: by day, then by version within the day. Reports that read several
 * days, and the screens that hold back events arriving out of order, sort with this one comparator.
 */

/** `Array.prototype.sort` comparator: earlier day first, then lower version. */
export function compareEvents(a: { day: string; version: number }, b: { day: string; version: number }): number {
  return a.day < b.day ? -1 : a.day > b.day ? 1 : a.version - b.version;
}
