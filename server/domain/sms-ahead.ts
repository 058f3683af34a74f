/**
 * "还有 N 位": when a citizen who asked for texts is told their turn is near. A hall sets N in its
 * policy (`smsAhead`, 1–50 by the hall schema); a hall that does not uses the node's default
 * (`QMS_SMS_AHEAD`, itself 3 unless set).
 */
import type { QueuePolicy } from './types';

export const SMS_AHEAD_DEFAULT = 3;

export function smsAheadOf(policy: Pick<QueuePolicy, 'smsAhead'>, nodeDefault: number = SMS_AHEAD_DEFAULT): number {
  return policy.smsAhead ?? nodeDefault;
}

/** Whether a ticket with `ahead` citizens before it is due its "还有 N 位" text. */
export function aheadTextDue(ahead: number, policy: Pick<QueuePolicy, 'smsAhead'>, nodeDefault?: number): boolean {
  return ahead <= smsAheadOf(policy, nodeDefault);
}
