/**
 * The bundled list of common passwords (the ~49,000 most frequent in leaked lists, as shipped by
 * zxcvbn-ts), for the password policy: a new password that is one of them, or one of them with
 * digits and symbols on the end, is refused. Loaded once, on the first check.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | null = null;

export function isCommonPassword(form: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common.has(form);
}
