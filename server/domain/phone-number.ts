/**
 * The one phone-number rule: a mainland Chinese mobile number (11 digits starting with 1),
 * optionally after +86 or 86, with the spaces and dashes people type between groups. The booking
 * page checks it as the citizen types; the booking route's schema uses the same pattern.
 */

/** Pattern source (for a JSON schema `pattern`, and for `RegExp`). */
export const CHINA_MOBILE_PATTERN = '^(?:\\+?86[ -]?)?1(?:[ -]?[0-9]){10}$';

const CHINA_MOBILE = new RegExp(CHINA_MOBILE_PATTERN);

/** Whether `typed` (spaces and dashes allowed) is a Chinese mobile number. */
export function isChinaMobile(typed: string): boolean {
  return CHINA_MOBILE.test(typed.trim());
}

/** The number without the spaces and dashes typed between groups: what is sent and stored. */
export function compactPhone(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}
