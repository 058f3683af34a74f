/**
 * Who signs in with a second factor (TOTP, RFC 6238): the three administrators always, a hall
 * manager when the hall asks for it (`managerSecondFactor` in the hall's configuration), and any
 * other person who enrolled of their own accord. Devices never: they enrol by pairing code.
 * Also the shape of the codes a person types, so the form and the server agree.
 */
import { DEVICE_ROLES, isAdministrator } from './account-rules';
import type { Role } from './types';

/** A code from the authenticator app: six digits (RFC 6238 with the defaults every app uses). */
export const TOTP_CODE_PATTERN = /^\d{6}$/;
/** A recovery code as handed out: two groups of five lower-case letters and digits (`k3m9x-2hq7d`). */
export const RECOVERY_CODE_PATTERN = /^[a-z0-9]{5}-[a-z0-9]{5}$/;
/** How many recovery codes an enrolment hands out; each works once. */
export const RECOVERY_CODE_COUNT = 10;
/**
 * Second-factor codes (right or wrong) an account may send per window before they are refused
 * (429): counted before checking, so a parallel burst gets no more. Three codes are valid at a
 * time, so ten tries in 15 minutes leave a guesser about 1 in 30,000 per window.
 */
export const SECOND_FACTOR_ATTEMPTS_PER_WINDOW = 10;
export const SECOND_FACTOR_ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

/** Whether a person of `role` may enrol a second factor at all. */
export const mayEnrolSecondFactor = (role: Role): boolean => !DEVICE_ROLES.has(role);

/** Whether an account of `role` must have a second factor before it may do anything; `hallAsksManagers`: its hall's setting. */
export function secondFactorRequired(role: Role, hallAsksManagers: boolean): boolean {
  if (isAdministrator(role)) return true;
  return role === 'manager' && hallAsksManagers;
}

/** A typed code, tidied: spaces gone (apps show `123 456`), recovery codes lower-cased. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '').toLowerCase();
}
