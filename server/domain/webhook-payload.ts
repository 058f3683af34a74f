/**
 * What an integration (好差评 platform, 12345 hotline, a city dashboard) is told of an event: the
 * event as staff screens see it, minus every secret a citizen holds (a ticket's credential, an
 * appointment's check-in code), anything of their phone number, masked or not, and anything of
 * their identity (实名取号: not even the keyed hash).
 */
import type { EventType, HallEvent } from './events';

/** Keys never sent outside, at any depth. */
const WITHHELD = new Set(['credential', 'code', 'phone', 'phoneMasked', 'identity', 'identityTag']);

function withheld(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withheld);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!WITHHELD.has(k)) out[k] = withheld(v);
  return out;
}

export interface WebhookPayload {
  /** Unique per event (hall, day, version): receivers de-duplicate by it. */
  id: string;
  type: EventType;
  hallId: string;
  day: string;
  at: string;
  data: Record<string, unknown>;
}

export function webhookPayload(event: HallEvent): WebhookPayload {
  const { type, version, at, hallId, day, commandId: _command, ...rest } = event;
  return { id: `${hallId}:${day}:${version}`, type, hallId, day, at, data: withheld(rest) as Record<string, unknown> };
}

/** The event types a subscription may ask for: what integrations act on (not screen housekeeping). */
export const WEBHOOK_EVENT_TYPES = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.completed',
  'ticket.no_show',
  'ticket.transferred',
  'ticket.step_completed',
  'ticket.requeued',
  'ticket.parked',
  'ticket.unparked',
  'ticket.assistance_requested',
  'ticket.assistance_assigned',
  'rating.submitted',
  'rating.followed_up',
  'appointment.booked',
  'appointment.cancelled',
  'window.opened',
  'window.closed',
  'window.paused',
  'window.resumed',
  'day.closed',
  'ticket.no_show_undone',
] as const satisfies readonly EventType[];
