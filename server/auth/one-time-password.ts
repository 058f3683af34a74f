/**
 * One-time passwords given to a new account or after a reset, read aloud or copied from the
 * console: no characters that are confused on a phone call or in a handwritten note (0/O, 1/l/I).
 */
import { randomInt } from 'node:crypto';
import { passwordProblems } from '../domain/password-policy';

const LETTERS = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LETTERS + DIGITS;

/** 12 characters (≈ 70 bits) that always pass the password policy. */
export function oneTimePassword(accountId: string): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < 12; i++) out += ALPHABET[randomInt(ALPHABET.length)];
    if (passwordProblems(out, accountId).length === 0) return out;
  }
}
