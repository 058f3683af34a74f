/**
 * What a citizen gave the kiosk to say who they are, turned into one checked ID number: a card
 * laid on a reader (typed into the page as a keyboard, or answered by the reader's local
 * service), an 电子社保卡 QR code scanned, or the number typed on the keypad. One rule for all
 * routes in: the number is checked here, before anything is hashed or kept.
 */
import type { ErrorCode } from './errors';
import { normaliseResidentId, residentIdProblem, type ResidentIdProblem } from './resident-id';
import { looksLikeSocialSecurityQr, parseSocialSecurityQr } from './social-security-qr';

/** How the identity came in (kept with the ticket, so a hall sees how its kiosks are used). */
export type IdentityVia = 'card' | 'qr' | 'typed' | 'reader';

export const IDENTITY_VIAS: readonly IdentityVia[] = ['card', 'qr', 'typed', 'reader'];

export type IdentityProblem = ResidentIdProblem | 'qr_payload';

export interface CheckedIdentity {
  idNumber: string;
  name: string | null;
  via: IdentityVia;
}

const NAME_MAX = 40;

/** The refusal each problem is answered with (and worded by): one code for every fault but the 15-digit number. */
export const IDENTITY_PROBLEM_CODES = {
  old_15_digit: 'identity_old_number',
  format: 'identity_invalid',
  birth_date: 'identity_invalid',
  check_digit: 'identity_invalid',
  qr_payload: 'identity_qr_invalid',
} as const satisfies Record<IdentityProblem, ErrorCode>;

/**
 * `text`: what arrived (an ID number, or a 社保卡 payload); `name`: the name a reader service
 * answered, if any. A payload is read as a QR whatever `via` says (a scanner cannot tell).
 */
export function checkIdentityInput(input: {
  text: string;
  name?: string | null;
  via: IdentityVia;
}): { ok: true; identity: CheckedIdentity } | { ok: false; problem: IdentityProblem } {
  if (looksLikeSocialSecurityQr(input.text)) {
    const parsed = parseSocialSecurityQr(input.text);
    if (!parsed.ok) return parsed;
    return { ok: true, identity: { idNumber: parsed.card.idNumber, name: parsed.card.name, via: 'qr' } };
  }
  const problem = residentIdProblem(input.text);
  if (problem) return { ok: false, problem };
  const name = input.name?.trim() ? input.name.trim().slice(0, NAME_MAX) : null;
  return { ok: true, identity: { idNumber: normaliseResidentId(input.text), name, via: input.via } };
}
