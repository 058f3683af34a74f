/**
 * 办件编号: the case number a clerk may enter at completion. The national 好差评 system matches a
 * rating to its case by this number, so it travels in `ticket.completed` and the rating that follows.
 * Case numbers from the provinces' 政务服务 systems are letters, digits and the separators `-` `_` `.`
 * (e.g. `330100-2026-000123`); anything else is a typo or pasted noise and is refused, not cleaned up.
 */
import { DomainError } from './errors';

export const CASE_NUMBER_MAX = 64;
const CASE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The case number to record: trimmed; null when none was given (blank counts as none). */
export function caseNumberOf(input: string | undefined | null): string | null {
  const value = input?.trim() ?? '';
  if (value === '') return null;
  if (value.length > CASE_NUMBER_MAX || !CASE_NUMBER.test(value)) {
    throw new DomainError('invalid_case_number', `caseNumber: letters, digits and - _ . only, at most ${CASE_NUMBER_MAX} characters`, { field: 'caseNumber' });
  }
  return value;
}
