import { describe, expect, it } from 'vitest';
import { oneTimePassword } from '../../server/auth/one-time-password';
import { passwordProblems } from '../../server/domain/password-policy';

describe('the password policy', () => {
  it('accepts a long password of several kinds of character', () => {
    expect(passwordProblems('Yuxi-hall-2026', 'clerk01')).toEqual([]);
    expect(passwordProblems('窗口办事 2026 春', 'clerk01')).toEqual([]);
  });

  it('names each problem', () => {
    expect(passwordProblems('Ab1', 'clerk01')).toEqual(['too_short']);
    expect(passwordProblems('xY1'.repeat(43), 'clerk01')).toEqual(['too_long']);
    expect(passwordProblems('Clerk01-password', 'clerk01')).toEqual(['contains_account']);
    expect(passwordProblems('my-demo-2026', 'clerk01')).toEqual(['demo_password']);
    expect(passwordProblems('demo', 'clerk01')).toEqual(['too_short', 'demo_password', 'too_simple']);
    expect(passwordProblems('12345678901', 'clerk01')).toEqual(['too_simple']);
    expect(passwordProblems('abcdefghijkl', 'clerk01')).toEqual(['too_simple']);
    expect(passwordProblems('Password123', 'clerk01')).toEqual(['too_simple']);
    expect(passwordProblems('aAaAaAaAaAaA', 'clerk01')).toEqual(['too_simple']);
  });

  it('one-time passwords pass it, differ every time, and avoid look-alike characters', () => {
    const many = Array.from({ length: 200 }, () => oneTimePassword('clerk01'));
    expect(new Set(many).size).toBe(200);
    for (const p of many) {
      expect(passwordProblems(p, 'clerk01')).toEqual([]);
      expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{12}$/);
    }
  });
});
