/**
 * The rules pages and server share, through their exported surface: the mobile-number rule the
 * booking page and the booking route's schema both use, and the booking horizon.
 */
import { describe, expect, it } from 'vitest';
import { bookingHorizon, lastBookableDay } from '../../server/domain/booking-horizon';
import { CHINA_MOBILE_PATTERN, compactPhone, isChinaMobile } from '../../server/domain/phone-number';

describe('the shared rules', () => {
  it('takes a mainland mobile number as people type it, and nothing else', () => {
    for (const typed of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '8613812345678']) expect(isChinaMobile(typed), typed).toBe(true);
    for (const typed of ['12345', '0871-1234567', '1381234567', '138123456789', '+1 138 1234 5678', '138  1234 5678'])
      expect(isChinaMobile(typed), typed).toBe(false);
    // The schema pattern is the same rule: a JSON-schema validator compiles it with the `u` flag.
    expect(new RegExp(CHINA_MOBILE_PATTERN, 'u').test('+86 138-1234-5678')).toBe(true);
    expect(compactPhone('+86 138-1234 5678')).toBe('+8613812345678');
  });

  it('books up to the configured days ahead, never four weeks or more', () => {
    expect(bookingHorizon(undefined)).toBe(14);
    expect(bookingHorizon(7)).toBe(7);
    expect(bookingHorizon(40)).toBe(27);
    expect(lastBookableDay('2026-09-28', undefined)).toBe('2026-10-12');
  });
});
