/**
 * The demo halls with 实名取号 switched on where the identity tests want it: yuxi's 不动产 (estate)
 * and 公安 (police) require an ID, 税务 (tax) asks for one, the rest stay off; two tickets per
 * person per day, and names kept for the clerk. Plus the data key identities need.
 */
import { loadHalls, type LoadedHalls } from '../../server/config/halls';

/** 32 bytes, hex: a test deployment's QMS_DATA_KEY. */
export const TEST_DATA_KEY = 'a3'.repeat(32);

/** Real numbers by the GB 11643 rule (check digits computed), none of them anyone's. */
export const ID_A = '530402199001011238';
export const ID_B = '53040219851212001X';
export const ID_C = '530402197003154567';

export function identityHalls(opts: { perDay?: number } = {}): LoadedHalls {
  const demo = loadHalls({ configPath: null, demo: true });
  return {
    ...demo,
    halls: demo.halls.map((h) =>
      h.id !== 'yuxi'
        ? h
        : {
            ...h,
            policy: { ...h.policy, noShowAfterSeconds: 0, identityPerDay: opts.perDay ?? 2, identityKeepName: true },
            areas: h.areas.map((a) =>
              a.id === 'estate' || a.id === 'police' ? { ...a, identity: 'required' as const } : a.id === 'tax' ? { ...a, identity: 'optional' as const } : a,
            ),
          },
    ),
  };
}
