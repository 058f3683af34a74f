/**
 * The one limiter behind every limit (`server/domain/limits.ts` has the table and the rule). Each
 * try is counted in the store first — `hit`, an atomic increment on both stores, shared by every
 * node on Redis — and the count decides; nothing is read before and raised after a slow check, so
 * parallel tries cannot all slip in under the allowance.
 */
import { DomainError } from '../domain/errors';
import { isPastAllowance, limitKey, LIMIT_REFUSALS, windowOf, type LimitName, type LimitRule } from '../domain/limits';
import type { EventStore } from '../store/event-store';
import type { Clock } from './clock';

/** One counter a try is counted against: a limit and who it is about (an address, a username, a hall, a kiosk). */
export interface LimitCheck {
  limit: LimitName;
  subject: string;
}

/** A try that was let through; for `failures` limits, one that then succeeds is given back. */
export interface LimitPass {
  succeeded(): Promise<void>;
}

export class Limiter {
  constructor(private readonly deps: { store: EventStore; clock: Clock; rules: Record<LimitName, LimitRule> }) {}

  /**
   * Counts one try against each check in order, then decides: `rate_limited` (429) naming the first
   * limit the try goes past. A refused try stays counted where it was counted, and is not counted
   * against the checks after (an address over its allowance does not use up a hall's or an
   * account's), so a lock-out lasts its window without spreading.
   */
  async count(checks: readonly LimitCheck[]): Promise<LimitPass> {
    const now = this.deps.clock.now();
    const counted: Array<{ check: LimitCheck; rule: LimitRule; window: number }> = [];
    for (const check of checks) {
      const rule = this.deps.rules[check.limit];
      const window = windowOf(now, rule);
      const tries = await this.deps.store.hit(limitKey(check.limit, check.subject, window), rule.windowMs);
      // Read after the try is counted: a success given back later only lowers what the next try sees.
      const givenBack = rule.kind === 'failures' ? Number((await this.deps.store.get(limitKey(check.limit, check.subject, window, 'given-back'))) ?? 0) : 0;
      if (isPastAllowance(rule, tries, givenBack)) {
        const refusal = LIMIT_REFUSALS[check.limit];
        throw new DomainError(refusal.code, refusal.message);
      }
      counted.push({ check, rule, window });
    }
    return {
      succeeded: async () => {
        await Promise.all(
          counted
            .filter((c) => c.rule.kind === 'failures')
            .map((c) => this.deps.store.hit(limitKey(c.check.limit, c.check.subject, c.window, 'given-back'), c.rule.windowMs)),
        );
      },
    };
  }
}
