/**
 * One-time passwords given to a new account or after a reset, read aloud, copied or printed from
 * the console: one case only (no Shift to get wrong) and no characters that are confused on a
 * phone call or in a handwritten note (0/o, 1/l/i).
 */
import { randomInt } from 'node:crypto';
import { passwordProblems } from '../domain/password-policy';

/** Lower-case letters without i, l, o; digits without 0 and 1. */
export const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const ONE_TIME_LENGTH = 12;
/**
 * How long a one-time password works: a day to read it out, pass it on and sign in. One left
 * unused (a note on a desk, a message in a chat) stops opening the account after that.
 */
export const ONE_TIME_PASSWORD_TTL_MS = 24 * 3600 * 1000;

/** 12 characters (≈ 59 bits) of one case that always pass the password policy (letters and digits). */
export function oneTimePassword(accountId: string): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < ONE_TIME_LENGTH; i++) out += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
    if (passwordProblems(out, accountId).length === 0) return out;
  }
}
