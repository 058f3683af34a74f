/**
 * What a staff password must be. The console's forms check the same rule before sending, and the
 * server refuses what breaks it, so the two never disagree.
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_account' | 'demo_password' | 'too_simple';

/** Passwords found first in every leaked list, and the ones halls set by habit. */
const COMMON = new Set([
  '1234567890',
  '0123456789',
  '1111111111',
  'qwertyuiop',
  'password123',
  'admin12345',
  'abc1234567',
  'a123456789',
  '123456789a',
  'zxcvbnm123',
]);

/**
 * The password as a guesser tries it: lower case, and without the digits and symbols people add at
 * the end to pass a rule (`Password2026!` is `password`). Checked against a list of common ones.
 */
export function guessableForms(password: string): string[] {
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  return stem.length >= 4 && stem !== lower ? [lower, stem] : [lower];
}

/**
 * Every problem with `password` for the account `accountId` (empty: it is acceptable). Too simple
 * means one kind of character only (all digits, all letters) or a well-known password: the few
 * here, and (on the server) the bundled list of common passwords `isCommon` looks in.
 */
export function passwordProblems(password: string, accountId: string, isCommon: (form: string) => boolean = () => false): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  if (accountId && lower.includes(accountId.toLowerCase())) problems.push('contains_account');
  if (lower.includes('demo')) problems.push('demo_password');
  const kinds = [/\d/, /[a-z]/, /[A-Z]/, /[^0-9a-zA-Z]/].filter((re) => re.test(password)).length;
  if (kinds < 2 || COMMON.has(lower) || new Set(password).size <= 2 || guessableForms(password).some(isCommon)) problems.push('too_simple');
  return problems;
}
