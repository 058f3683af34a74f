/**
 * What a rating score means, for the rating pad (which asks a bad score for its reasons) and the
 * server (statistics and the 差评 follow-up list): one threshold for both.
 */

/** A rating of 4 or 5 (满意, 非常满意) is good. */
export const GOOD_SCORE = 4;
/** A rating of 1 or 2 (非常不满意, 不满意) is bad (差评) and must be followed up. */
export const BAD_SCORE = 2;

/** A 差评: the pad asks for its reasons and a manager must follow it up. */
export function isBadScore(score: number): boolean {
  return score <= BAD_SCORE;
}
