/**
 * The one rule behind every limit (server/domain/limits.ts): a try counted first goes past the
 * allowance when the count, less the tries given back (failures-only limits), exceeds it; windows
 * are fixed and each has its own counters.
 */
import { describe, expect, it } from 'vitest';
import { isPastAllowance, limitKey, limitTable, windowOf } from '../../server/domain/limits';

const table = limitTable({ loginFailuresPer15Minutes: 10, loginFailuresPerAddressPer15Minutes: 30, kioskTicketsPerMinute: 60, notifyOptInsPerHour: 20 });

describe('the limit rule', () => {
  it('lets exactly the allowance through, counting the try itself', () => {
    const rule = table['password-account'];
    const verdicts = Array.from({ length: 12 }, (_, i) => isPastAllowance(rule, i + 1, 0));
    expect(verdicts.filter((past) => !past)).toHaveLength(10);
    expect(verdicts.slice(10)).toEqual([true, true]);
  });

  it('gives back successes on failures-only limits, never on limits where every try counts', () => {
    expect(isPastAllowance(table['password-address'], 40, 15)).toBe(false);
    expect(isPastAllowance(table['password-address'], 46, 15)).toBe(true);
    expect(isPastAllowance(table['kiosk-tickets'], 61, 30)).toBe(true);
  });

  it('keeps each fixed window apart: a new window starts from zero, a success of one window is not credit in the next', () => {
    const rule = table['password-account'];
    const start = Date.parse('2026-12-07T09:00:00Z');
    expect(windowOf(start, rule)).toBe(windowOf(start + rule.windowMs - 1, rule));
    expect(windowOf(start + rule.windowMs, rule)).toBe(windowOf(start, rule) + 1);
    const w = windowOf(start, rule);
    expect(limitKey('password-account', 'clerk01', w)).not.toBe(limitKey('password-account', 'clerk01', w + 1));
    expect(limitKey('password-account', 'clerk01', w, 'given-back')).not.toBe(limitKey('password-account', 'clerk01', w));
  });

  it('counts a per-number text limit over its own local day, not across a window edge at UTC midnight', () => {
    const rule = table['sms-codes-number'];
    // 07:59 and 08:01 in Shanghai straddle 00:00 UTC: one local day, one counter.
    const before = Date.parse('2026-12-06T23:59:00Z');
    const after = Date.parse('2026-12-07T00:01:00Z');
    expect(windowOf(before, rule)).toBe(windowOf(after, rule));
    expect(limitKey('sms-codes-number', '2026-12-07:tag', windowOf(before, rule))).not.toBe(
      limitKey('sms-codes-number', '2026-12-08:tag', windowOf(after, rule)),
    );
    expect(isPastAllowance(rule, rule.allowance, 0)).toBe(false);
    expect(isPastAllowance(rule, rule.allowance + 1, 0)).toBe(true);
  });
});
