/**
 * 电子社保卡 / 身份码 QR payloads, as the hall's scanner hands them over once the card terminal's
 * decoder has read them (the QR itself is a short-lived token only the 人社 platform opens; the
 * hall's decoder service answers its fields). Two forms are accepted (docs/identity.md):
 *
 * - JSON with the 人社 data-dictionary names: `{"aac002":"<公民身份号码>","aac003":"<姓名>", …}`;
 * - the terminal line form: `ESSC|<公民身份号码>|<姓名>|…` (further fields ignored).
 *
 * Anything else is not a 社保卡 payload. The ID number inside is checked like a card's.
 */
import { normaliseResidentId, residentIdProblem, type ResidentIdProblem } from './resident-id';

export interface SocialSecurityCard {
  idNumber: string;
  /** 姓名 when the payload has one. */
  name: string | null;
}

/** Longest payload looked at: a decoder's JSON is a few hundred characters. */
export const QR_PAYLOAD_MAX = 2000;
const NAME_MAX = 40;

/** Whether the text is meant as a 社保卡 payload (rather than a typed or read ID number). */
export function looksLikeSocialSecurityQr(text: string): boolean {
  const t = text.trim();
  return t.startsWith('{') || /^ESSC\|/i.test(t);
}

function cleanName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const name = raw.trim();
  return name === '' ? null : name.slice(0, NAME_MAX);
}

/** The card's fields, or why not: `qr_payload` (not a payload we read) or the ID number's problem. */
export function parseSocialSecurityQr(text: string): { ok: true; card: SocialSecurityCard } | { ok: false; problem: 'qr_payload' | ResidentIdProblem } {
  const t = text.trim();
  if (t.length > QR_PAYLOAD_MAX) return { ok: false, problem: 'qr_payload' };
  let id: unknown;
  let name: unknown;
  if (t.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      return { ok: false, problem: 'qr_payload' };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'qr_payload' };
    const fields = parsed as Record<string, unknown>;
    id = fields.aac002 ?? fields.AAC002;
    name = fields.aac003 ?? fields.AAC003;
  } else if (/^ESSC\|/i.test(t)) {
    const parts = t.split('|');
    id = parts[1];
    name = parts[2];
  } else return { ok: false, problem: 'qr_payload' };
  if (typeof id !== 'string' || id.trim() === '') return { ok: false, problem: 'qr_payload' };
  const problem = residentIdProblem(id);
  if (problem) return { ok: false, problem };
  return { ok: true, card: { idNumber: normaliseResidentId(id), name: cleanName(name) } };
}
