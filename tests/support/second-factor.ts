/**
 * The second factor as a person with an authenticator app uses it: the secret read at enrolment
 * (what the app scans), and codes computed from it with RFC 6238 (`otpauth`, as the server checks).
 * The server takes each code once, so a test signing one account in twice within 30 s gets the
 * next step's code (the server accepts one step either side), or waits for the step after.
 */
import { Secret, TOTP } from 'otpauth';

const PERIOD_MS = 30_000;
/** Enrolled secrets per account name, newest first (several servers of one test file may each have enrolled `admin`). */
const secrets = new Map<string, string[]>();
/** Time steps already used per secret. */
const used = new Map<string, Set<number>>();

export function rememberSecret(username: string, secret: string): void {
  secrets.set(username, [secret, ...(secrets.get(username) ?? []).filter((s) => s !== secret)]);
}

export function secretsOf(username: string): string[] {
  return secrets.get(username) ?? [];
}

/** The code of one time step of `secret`. */
export function codeAt(secret: string, step: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: PERIOD_MS / 1000, algorithm: 'SHA1' }).generate({ timestamp: step * PERIOD_MS });
}

/** A code the server has not seen yet: this step's, the next one's or the last one's, else (rarely) the step after's once it comes. */
export async function freshCode(secret: string): Promise<string> {
  const taken = used.get(secret) ?? new Set<number>();
  used.set(secret, taken);
  for (;;) {
    const now = Math.floor(Date.now() / PERIOD_MS);
    // The last step's code too while this step has a few seconds left (the server takes one step either side).
    const lastStillGood = (now + 1) * PERIOD_MS - Date.now() > 5_000;
    const step = [now, now + 1, ...(lastStillGood ? [now - 1] : [])].find((s) => !taken.has(s));
    if (step !== undefined) {
      taken.add(step);
      return codeAt(secret, step);
    }
    await new Promise((r) => setTimeout(r, (now + 1) * PERIOD_MS - Date.now() + 50));
  }
}

type Call = (method: string, path: string, body: unknown, token?: string) => Promise<{ status: number; body: any }>;

/**
 * Enrols a second factor with a token that may (`mustEnrolSecondFactor`): sets it up, remembers
 * the secret, confirms with a code. Answers the confirmation (a full token, the recovery codes).
 */
export async function enrolSecondFactor(
  call: Call,
  username: string,
  token: string,
): Promise<{ token: string; recoveryCodes: string[]; [k: string]: unknown }> {
  const setup = await call('POST', '/api/v1/auth/second-factor', {}, token);
  if (setup.status !== 200) throw new Error(`second-factor setup of ${username}: ${setup.status} ${JSON.stringify(setup.body)}`);
  rememberSecret(username, setup.body.secret);
  const confirmed = await call('POST', '/api/v1/auth/second-factor/confirm', { code: await freshCode(setup.body.secret) }, token);
  if (confirmed.status !== 200) throw new Error(`second-factor confirm of ${username}: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return confirmed.body;
}

/**
 * Signs in as a person would: the password, then the code from the app when asked for one, and
 * the enrolment when the account must have a factor and has none. Answers the last response
 * (status 200 with a full token, or the refusal).
 */
export async function signInThroughSecondFactor(call: Call, username: string, password: string): Promise<{ status: number; body: any }> {
  let res = await call('POST', '/api/v1/auth/login', { username, password });
  if (res.status === 401 && res.body?.error?.code === 'second_factor_required') {
    for (const secret of secretsOf(username)) {
      res = await call('POST', '/api/v1/auth/login', { username, password, code: await freshCode(secret) });
      if (res.status === 200) break;
    }
  }
  if (res.status === 200 && res.body.mustEnrolSecondFactor && !res.body.mustChangePassword) {
    return { status: 200, body: await enrolSecondFactor(call, username, res.body.token) };
  }
  return res;
}
