/**
 * Every error the system answers with: a stable snake_case code and its HTTP status.
 * The words shown to people live in the message table (`messages.ts`), keyed by the same codes.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  password_change_required: 403,
  /** The password was right; the account signs in with a code from its authenticator app too. */
  second_factor_required: 401,
  /** A wrong, reused or expired second-factor code (or recovery code). */
  second_factor_invalid: 401,
  /** The token may only enrol a second factor (the account must have one first). */
  second_factor_enrolment_required: 403,
  /** A second factor is active already; a security administrator resets it. */
  second_factor_enrolled: 409,
  /** A code to confirm, but no second factor was set up. */
  second_factor_not_set_up: 409,
  /** An administrator's session without activity for QMS_ADMIN_IDLE_MINUTES: sign in again. */
  session_idle: 401,
  wrong_password: 403,
  account_not_found: 404,
  account_exists: 409,
  weak_password: 400,
  pairing_code_invalid: 400,
  not_window_clerk: 403,
  /** A city manager asked for the report of a hall not on their account. */
  hall_not_reported: 403,
  priority_not_allowed: 403,
  not_found: 404,
  hall_not_found: 404,
  window_not_found: 404,
  ticket_not_found: 404,
  notice_not_found: 404,
  appointment_not_found: 404,
  window_closed: 409,
  window_paused: 409,
  window_busy: 409,
  window_taken: 409,
  clerk_elsewhere: 409,
  not_paused: 409,
  no_current_ticket: 409,
  ticket_not_waiting: 409,
  area_not_served: 409,
  same_area: 409,
  recall_limit: 409,
  not_no_show: 409,
  requeue_limit: 409,
  requeue_expired: 409,
  /** 过号 sooner after the call than the hall's `noShowAfterSeconds`. */
  no_show_too_soon: 409,
  /** Undoing a no-show later than the hall's `noShowUndoSeconds`. */
  undo_expired: 409,
  not_parked_here: 409,
  /** 需要帮办 on a ticket that is finished (served, absent, cancelled). */
  ticket_not_open: 409,
  assistance_already_requested: 409,
  no_assistance_request: 409,
  assistance_already_assigned: 409,
  not_started: 409,
  already_started: 409,
  not_completed: 409,
  /** 办件编号 with characters a case number never has, or too long. */
  invalid_case_number: 400,
  already_rated: 409,
  hall_closed: 409,
  area_closed: 409,
  daily_cap_reached: 409,
  slot_full: 409,
  appointment_too_early: 409,
  appointment_too_late: 409,
  appointment_used: 409,
  appointment_cancelled: 409,
  catalogue_problems: 400,
  bad_catalogue_file: 400,
  version_conflict: 409,
  window_in_use: 409,
  area_in_use: 409,
  hall_exists: 409,
  invalid_config: 400,
  hall_retired: 409,
  idempotency_key_reused: 422,
  /** A retried request whose first answer held a secret (a token, a one-time password): done, and not answered again. */
  idempotent_secret_not_kept: 409,
  payload_too_large: 413,
  rate_limited: 429,
  /** A phone number already follows the most tickets a number may follow today. */
  too_many_tickets: 429,
  /** A number was texted the most verification codes allowed today (`text-limits.ts`). */
  too_many_codes: 429,
  /** A number is on the most bookings allowed today, whatever the address. */
  too_many_bookings: 429,
  /** The code typed back is not the one texted. */
  sms_code_wrong: 400,
  /** No code waits for the ticket (never asked, expired, used, or too many wrong tries): ask again. */
  sms_code_expired: 409,
  /** The SMS provider did not take the code. */
  sms_not_sent: 502,
  /** The ticket already texts another number (one number per ticket). */
  phone_already_set: 409,
  /** Opting in needs the ticket's open phone page (its socket), not just its credential. */
  not_following: 403,
  /** No QMS_DATA_KEY or no SMS provider: numbers cannot be kept safely or sent to. */
  notifications_off: 409,
  webhook_not_found: 404,
  /** A webhook target that is loopback, link-local, private or reserved and not in QMS_OUTBOUND_ALLOW. */
  outbound_not_allowed: 400,
  delivery_not_found: 404,
  /** 实名取号: the ID number is not a valid 18-digit number (format, birth date or check digit). */
  identity_invalid: 400,
  /** A 15-digit first-generation ID number: it has no check digit, so it is refused. */
  identity_old_number: 400,
  /** A scanned code that is not an 电子社保卡 payload this hall reads. */
  identity_qr_invalid: 400,
  /** The area issues tickets by ID only, and none was given. */
  identity_required: 400,
  /** A per-person limit: one open ticket per area, and the hall's daily number per person. */
  identity_limit: 409,
  /** A per-person limit override asked for by someone who is not staff. */
  identity_override_not_allowed: 403,
  /** No QMS_DATA_KEY: ID numbers cannot be hashed or kept safely, so the hall takes no identities. */
  identity_unavailable: 409,
  internal_error: 500,
  store_unavailable: 503,
  /** Written, but no Redis replica confirmed it in time (QMS_REDIS_WAIT_REPLICAS): not acknowledged, nothing to print. */
  store_unconfirmed: 503,
  /** A printer test of a device that has no printer configured. */
  printer_not_configured: 409,
  // A printer test that failed (printers/ticket-printer.ts `PrintErrorCode`): the printer, not the request.
  printer_bad_address: 503,
  /** The printer's address is outside the LAN ranges or printer ports 9100–9109 (`outbound-rules.ts`): nothing was sent. */
  printer_not_allowed: 403,
  printer_refused: 503,
  printer_unreachable: 503,
  printer_no_answer: 503,
  printer_paper_out: 503,
  printer_timeout: 503,
  printer_error: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A refusal by the rules: nothing was changed. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra facts for the caller, e.g. `{ field: 'areaId' }`. */
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, detail?: Record<string, unknown>) {
    super(message ?? code);
    this.name = 'DomainError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.detail = detail;
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
