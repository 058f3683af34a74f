/**
 * 公民身份号码 (GB 11643-1999): 6 digits of region, 8 of birth date (YYYYMMDD), 3 of sequence and
 * a check digit (ISO 7064 MOD 11-2: 0–9 or `X` for 10). The 15-digit numbers of the first-generation
 * cards (no century, no check digit) are refused: every second-generation card carries 18 digits,
 * and a 15-digit number cannot be checked, so a typo would tie a ticket to the wrong person.
 */

/** Why a text is not a resident ID number; the kiosk words each one (message table). */
export type ResidentIdProblem = 'old_15_digit' | 'format' | 'birth_date' | 'check_digit';

/** Weights of the 17 body digits (2^(18-i) mod 11). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for each remainder of the weighted sum mod 11. */
const CHECK = '10X98765432';

/** The check character of 17 body digits. */
export function residentIdCheckDigit(body17: string): string {
  if (!/^\d{17}$/.test(body17)) throw new Error('17 digits expected');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** `110105194912310021`, spaces and a lower-case `x` forgiven (what readers and people type). */
export function normaliseResidentId(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase();
}

function validBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  // The standard's own example was born in 1880: the century 18xx is valid.
  if (y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** What is wrong with `text` as an 18-digit resident ID number, or null when it is one. */
export function residentIdProblem(text: string): ResidentIdProblem | null {
  const id = normaliseResidentId(text);
  if (/^\d{15}$/.test(id)) return 'old_15_digit';
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!validBirthDate(id.slice(6, 14))) return 'birth_date';
  if (residentIdCheckDigit(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return null;
}

/**
 * `5304**********1234`: the first four digits (province and city) and the last four, as halls
 * print and show ID numbers; the birth date and the rest never leave the server.
 */
export function maskResidentId(id: string): string {
  const n = normaliseResidentId(id);
  return `${n.slice(0, 4)}${'*'.repeat(Math.max(0, n.length - 8))}${n.slice(-4)}`;
}
