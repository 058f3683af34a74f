/**
 * After a failover: what a node that never saw the load finds of the tickets that were answered.
 * Every acknowledged ticket is read by its credential, each from its own phone address (the node
 * believes X-Forwarded-For from loopback; one address would meet the public per-address read
 * limit after 600 tickets); every number below the highest answered but never answered is looked
 * up in the trail: issued and kept (a request cut off mid-way), or a gap nobody holds.
 */
import { call, login } from './node-http';

/** The sequence of a ticket number (`A012` → 12). */
export const seqOf = (number: string): number => Number(/(\d+)$/.exec(number)![1]);

export interface TicketAudit<T> {
  /** Acknowledged tickets the fresh node does not have (or has under another number). */
  missing: T[];
  /** Numbers answered more than once. */
  duplicates: string[];
  unansweredButKept: number;
  gaps: number;
}

export async function auditTickets<T extends { number: string; credential: string }>(
  base: string,
  hallPath: string,
  acked: readonly T[],
): Promise<TicketAudit<T>> {
  const missing: T[] = [];
  for (const [i, t] of acked.entries()) {
    const phone = { 'x-forwarded-for': `10.1.${i >> 8}.${i & 255}` };
    const r = await call(base, 'GET', `${hallPath}/tickets/${encodeURIComponent(t.credential)}`, undefined, undefined, phone);
    if (r.status !== 200 || r.body.ticket.number !== t.number) missing.push(t);
  }
  const numbers = acked.map((t) => t.number);
  const duplicates = numbers.filter((n, i) => numbers.indexOf(n) !== i);
  const manager = await login(base, 'manager');
  const seqs = new Set(numbers.map(seqOf));
  const top = Math.max(...seqs);
  const prefix = numbers[0]!.replace(/\d+$/, '');
  let unansweredButKept = 0;
  let gaps = 0;
  for (let s = 1; s <= top; s++) {
    if (seqs.has(s)) continue;
    const trail = await call(base, 'GET', `${hallPath}/trail?number=${prefix}${String(s).padStart(3, '0')}`, manager);
    if (trail.status === 200) unansweredButKept++;
    else gaps++;
  }
  return { missing, duplicates, unansweredButKept, gaps };
}
