/**
 * Ticket numbers: the area's prefix and its sequence of the day, zero-padded to three digits
 * (B001 … B999, then B1000). Numbers restart each day and are never skipped or reused within it.
 */
export function formatTicketNumber(prefix: string, seq: number): string {
  return `${prefix}${String(seq).padStart(3, '0')}`;
}

/** Normalises what a clerk typed (`b12`, ` B012 `) to the printed form, or null if it is not a number. */
export function normaliseTicketNumber(input: string): string | null {
  const m = /^\s*([A-Za-z])\s*0*(\d{1,6})\s*$/.exec(input);
  if (!m) return null;
  return formatTicketNumber(m[1]!.toUpperCase(), Number(m[2]));
}

/**
 * Raises the hall's numbering to at least `floors` (area → last sequence known to be printed).
 * After a store came back from an older state, the next number then stays above every number
 * already handed out: a gap is acceptable, a duplicate is not. Mutates `lastSeq` in place.
 */
export function raiseNumbering(lastSeq: Map<string, number>, floors: Readonly<Record<string, number>>): void {
  for (const [areaId, seq] of Object.entries(floors)) {
    if (seq > (lastSeq.get(areaId) ?? 0)) lastSeq.set(areaId, seq);
  }
}
