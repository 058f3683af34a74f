/**
 * 需要帮办 and the manager's open-ticket alerts share one notion: a ticket still in the hall's hands
 * (waiting, called, being served, or parked), which help may still be asked and given for.
 */
import type { TicketState } from './types';

const OPEN_STATUSES: ReadonlySet<TicketState['status']> = new Set(['waiting', 'called', 'serving', 'parked']);

export function isOpenTicket(t: Pick<TicketState, 'status'>): boolean {
  return OPEN_STATUSES.has(t.status);
}
