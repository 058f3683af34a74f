/** Sign-in: username and password (or a device's pairing code) → a signed token and who it belongs to. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AccountAdmin } from '../../admin/account-admin';
import type { DevicePairing } from '../../admin/device-pairing';
import { tokenPayload } from '../../auth/access';
import type { Account } from '../../auth/accounts';
import { checkPassword } from '../../auth/passwords';
import type { LimitCheck } from '../../app/limiter';
import { DomainError, isDomainError } from '../../domain/errors';
import { pickLocale } from '../../i18n';
import { revokeToken, type SignedToken } from '../auth';
import { ChangePasswordRequest, LoginRequest, LoginResponse, LogoutResponse, MeResponse, PairRequest } from '../schemas/auth';
import { errorResponses } from '../schemas/common';

const tags = ['auth'];

/** The counters a guess at an account's password goes against: its address and the username. */
const passwordGuess = (username: string, ip: string): LimitCheck[] => [
  { limit: 'password-address', subject: ip },
  { limit: 'password-account', subject: username },
];

const userOf = (a: Account) => ({ id: a.id, name: a.name, role: a.role, hallId: a.hallId, staffNo: a.staffNo });

const authRoutes: FastifyPluginAsyncTypebox<{ admin: AccountAdmin; pairing: DevicePairing }> = async (app, { admin, pairing }) => {
  /** The answer to a successful sign-in; from here the request is this user's, so the audit log records it as theirs. */
  const signedIn = (request: { user: SignedToken }, account: Account) => {
    request.user = tokenPayload(account, Date.now());
    return {
      token: app.signToken(account),
      user: userOf(account),
      ...(account.mustChangePassword ? { mustChangePassword: true } : {}),
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
      const { username, password } = request.body;
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
      request.log.info({ userId: account.id, role: account.role, mustChangePassword: account.mustChangePassword }, 'signed in');
      return signedIn(request, account);
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
