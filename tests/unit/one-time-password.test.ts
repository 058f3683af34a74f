/** One-time passwords: one case, no look-alike characters, always within the password policy. */
import { describe, expect, it } from 'vitest';
import { oneTimePassword } from '../../server/auth/one-time-password';
import { passwordProblems } from '../../server/domain/password-policy';

describe('one-time passwords', () => {
  it('are 12 characters of lower-case letters and digits without 0/O/1/l/I (nor i, o), and pass the policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = oneTimePassword('clerk01');
      expect(p).toMatch(/^[a-hjkmnp-z2-9]{12}$/);
      expect(p).not.toMatch(/[0O1lIio]/);
      expect(passwordProblems(p, 'clerk01')).toEqual([]);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });
});
