/**
 * Sign-in: username and password (or a device's pairing code) → a signed token and who it belongs
 * to; with a second factor (TOTP) the code from the app too. An account that must have a second
 * factor and has none gets a token that may only enrol one (`/auth/second-factor`), then a full one.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccountAdmin } from '../../admin/account-admin';
import type { DevicePairing } from '../../admin/device-pairing';
import { tokenPayload } from '../../auth/access';
import type { Account } from '../../auth/accounts';
import { checkPassword } from '../../auth/passwords';
import type { LimitCheck } from '../../app/limiter';
import type { SecondFactors } from '../../auth/second-factor';
import { DomainError, isDomainError } from '../../domain/errors';
import { isAdministrator } from '../../domain/account-rules';
import { mayEnrolSecondFactor, secondFactorRequired } from '../../domain/second-factor-rules';
import { pickLocale } from '../../i18n';
import { revokeToken, type SignedToken } from '../auth';
import {
  ChangePasswordRequest,
  ConfirmSecondFactorRequest,
  ConfirmSecondFactorResponse,
  LoginRequest,
  LoginResponse,
  LogoutResponse,
  MeResponse,
  PairRequest,
  SecondFactorSetupResponse,
} from '../schemas/auth';
import { errorResponses } from '../schemas/common';

const tags = ['auth'];

/** The counters a guess at an account's password goes against: its address and the username. */
const passwordGuess = (username: string, ip: string): LimitCheck[] => [
  { limit: 'password-address', subject: ip },
  { limit: 'password-account', subject: username },
];

const userOf = (a: Account) => ({ id: a.id, name: a.name, role: a.role, hallId: a.hallId, staffNo: a.staffNo });

const authRoutes: FastifyPluginAsyncTypebox<{ admin: AccountAdmin; pairing: DevicePairing; factors: SecondFactors }> = async (
  app,
  { admin, pairing, factors },
) => {
  /** Whether `account` must enrol a second factor before anything else: required for it (its role, its hall) and not there yet. */
  const mustEnrol = (account: Account): boolean => {
    if (account.secondFactor) return false;
    const hallAsks = account.hallId !== null && app.qms.service.hall(account.hallId)?.managerSecondFactor === true;
    return secondFactorRequired(account.role, hallAsks);
  };

  /** The answer to a successful sign-in; from here the request is this user's, so the audit log records it as theirs. */
  const signedIn = async (request: { user: SignedToken }, account: Account) => {
    const enrol = mustEnrol(account);
    request.user = tokenPayload(account, Date.now(), enrol);
    return {
      token: await app.signToken(account, { enrol }),
      user: userOf(account),
      ...(account.mustChangePassword ? { mustChangePassword: true } : {}),
      ...(enrol ? { mustEnrolSecondFactor: true } : {}),
      ...(isAdministrator(account.role) ? { idleMinutes: app.qms.settings.adminIdleMinutes } : {}),
    };
  };

  app.post(
    '/auth/login',
    {
      schema: {
        summary: '登录 · Sign in and get a token',
        tags,
        body: LoginRequest,
        response: { 200: LoginResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { username, password, code } = request.body;
      // Counted before the password is looked at, per address and per username (known or not).
      const pass = await app.qms.limiter.count(passwordGuess(username, request.ip));
      const account = app.qms.accounts.get(username);
      // The same store read and the same hashing whether or not the user exists, and a disabled
      // account answers as a wrong password: neither the time nor the answer tells them apart.
      const ok = await checkPassword(password, await app.qms.accounts.passwordHash(username));
      if (!account || !ok || account.disabled) {
        request.log.info({ username, ip: request.ip, ...(account?.disabled && ok ? { disabled: true } : {}) }, 'sign-in refused');
        throw new DomainError('unauthorized', 'wrong username or password');
      }
      await pass.succeeded();
      if (account.secondFactor) {
        // The password was right: now the code from the app (or a recovery code), counted per account.
        if (code === undefined) throw new DomainError('second_factor_required', 'the code from the authenticator app is needed', { field: 'code' });
        if (!(await factors.verify(account, code, app.qms.clock.now()))) {
          request.log.info({ userId: account.id, ip: request.ip }, 'sign-in refused: wrong second factor');
          throw new DomainError('second_factor_invalid', 'wrong or used code', { field: 'code' });
        }
      }
      request.log.info({ userId: account.id, role: account.role, mustChangePassword: account.mustChangePassword }, 'signed in');
      return signedIn(request, account);
    },
  );

  // The enrolment: a fresh secret (QR code for the app), proven by a first code, which turns it on.
  const enrolling = app.authorize({ roles: 'any', secondFactorSetup: true });
  const person = (request: { user: SignedToken }): Account => {
    const account = app.qms.accounts.get(request.user.sub);
    if (!account) throw new DomainError('unauthorized', 'account no longer exists');
    if (!mayEnrolSecondFactor(account.role)) throw new DomainError('forbidden', `a ${account.role} enrols by pairing code, not a second factor`);
    return account;
  };

  app.post(
    '/auth/second-factor',
    {
      onRequest: enrolling,
      schema: {
        summary: '绑定动态口令 · Set up a second factor: a TOTP secret and its QR code for an authenticator app',
        tags,
        response: { 200: SecondFactorSetupResponse, ...errorResponses },
      },
    },
    async (request) => {
      const account = person(request);
      const setup = await factors.setup(account, { at: app.qms.clock.now() });
      request.log.info({ userId: account.id }, 'second factor set up');
      return setup;
    },
  );

  app.post(
    '/auth/second-factor/confirm',
    {
      onRequest: enrolling,
      schema: {
        summary: '确认动态口令 · Turn the second factor on with a first code; answers a fresh token and the recovery codes (shown once)',
        tags,
        body: ConfirmSecondFactorRequest,
        response: { 200: ConfirmSecondFactorResponse, ...errorResponses },
      },
    },
    async (request) => {
      const account = person(request);
      const recoveryCodes = await factors.confirm(account, request.body.code, app.qms.clock.now());
      const enrolled = await admin.secondFactorEnrolled(account);
      request.log.info({ userId: account.id }, 'second factor enrolled');
      return { ...(await signedIn(request, enrolled)), recoveryCodes };
    },
  );

  // A device enrols by the code a manager issued for it; wrong codes are limited per address.
  app.post(
    '/auth/pair',
    {
      schema: { summary: '配对码登录 · A device signs in with its pairing code', tags, body: PairRequest, response: { 200: LoginResponse, ...errorResponses } },
    },
    async (request) => {
      const { hallId, code } = request.body;
      const device = await pairing.use(hallId, code, request.ip);
      request.log.info({ userId: device.id, role: device.role, hallId }, 'device paired');
      return signedIn(request, device);
    },
  );

  // The holder's own change; the one thing a one-time password's token may do. Answers a fresh token:
  // every earlier token of the account (this one included) ends.
  app.post(
    '/auth/password',
    {
      onRequest: app.authorize({ roles: 'any', passwordChange: true }),
      schema: { summary: '修改密码 · Change your own password', tags, body: ChangePasswordRequest, response: { 200: LoginResponse, ...errorResponses } },
    },
    async (request) => {
      const { oldPassword, newPassword } = request.body;
      // A guess at the account's password like a sign-in: the same counters, counted first.
      const pass = await app.qms.limiter.count(passwordGuess(request.user.sub, request.ip));
      let account: Account;
      try {
        account = await admin.changePassword(request.user.sub, oldPassword, newPassword, pickLocale(request.headers['accept-language']));
      } catch (err) {
        // Only a wrong old password is a failed guess; a weak new one came with the right old one.
        if (!isDomainError(err) || err.code !== 'wrong_password') await pass.succeeded();
        throw err;
      }
      await pass.succeeded();
      request.log.info({ userId: account.id }, 'password changed');
      return signedIn(request, account);
    },
  );

  // Server-side sign-out: the token is refused from now on, over HTTP and Socket.IO, on every node.
  app.post(
    '/auth/logout',
    {
      onRequest: app.authorize({ roles: 'any' }),
      schema: { summary: '退出登录 · Sign out (the token is refused from now on)', tags, response: { 200: LogoutResponse, ...errorResponses } },
    },
    async (request) => {
      const token: SignedToken = request.user;
      await revokeToken(app.qms, token);
      if (token.jti) app.endTokenSockets(token.jti);
      request.log.info({ userId: token.sub, role: token.role }, 'signed out');
      return { signedOut: true };
    },
  );

  app.get(
    '/auth/me',
    {
      onRequest: app.authorize({ roles: 'any' }),
      schema: { summary: '当前用户 · Who the token belongs to', tags, response: { 200: MeResponse, ...errorResponses } },
    },
    async (request) => {
      const u = request.user;
      return { user: { id: u.sub, name: u.name, role: u.role, hallId: u.hallId, staffNo: u.staffNo } };
    },
  );
};

export default authRoutes;
