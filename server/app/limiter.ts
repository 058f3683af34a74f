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
   * Counts one try against every check, then decides: `rate_limited` (429) naming the first limit
   * the try goes past. A refused try stays counted, so a lock-out lasts its window.
   */
  async count(checks: readonly LimitCheck[]): Promise<LimitPass> {
    const now = this.deps.clock.now();
    const counted = await Promise.all(
      checks.map(async (check) => {
        const rule = this.deps.rules[check.limit];
        const window = windowOf(now, rule);
        const tries = await this.deps.store.hit(limitKey(check.limit, check.subject, window), rule.windowMs);
        // Read after the try is counted: a success given back later only lowers what the next try sees.
        const givenBack = rule.kind === 'failures' ? Number((await this.deps.store.get(limitKey(check.limit, check.subject, window, 'given-back'))) ?? 0) : 0;
        return { check, rule, window, past: isPastAllowance(rule, tries, givenBack) };
      }),
    );
    const refused = counted.find((c) => c.past);
    if (refused) throw new DomainError('rate_limited', LIMIT_REFUSALS[refused.check.limit]);
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
