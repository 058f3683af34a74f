/**
 * What a staff password must be. The console's forms check the same rule before sending, and the
 * server refuses what breaks it, so the two never disagree.
 */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_account' | 'demo_password' | 'too_simple';

/** Passwords found first in every leaked list, and the ones halls set by habit. */
const COMMON = new Set(['1234567890', '0123456789', '1111111111', 'qwertyuiop', 'password123', 'admin12345', 'abc1234567', 'a123456789', '123456789a', 'zxcvbnm123']);

/**
 * Every problem with `password` for the account `accountId` (empty: it is acceptable). Too simple
 * means one kind of character only (all digits, all letters) or a well-known password.
 */
export function passwordProblems(password: string, accountId: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const lower = password.toLowerCase();
  if (accountId && lower.includes(accountId.toLowerCase())) problems.push('contains_account');
  if (lower.includes('demo')) problems.push('demo_password');
  const kinds = [/\d/, /[a-z]/, /[A-Z]/, /[^0-9a-zA-Z]/].filter((re) => re.test(password)).length;
  if (kinds < 2 || COMMON.has(lower) || new Set(password).size <= 2) problems.push('too_simple');
  return problems;
}
