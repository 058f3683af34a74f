/** Sign-in: username and password → a signed token and who it belongs to. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { verifyPassword } from '../../auth/passwords';
import { DomainError } from '../../domain/errors';
import { revokeToken, tokenPayload, type SignedToken } from '../auth';
import { LoginRequest, LoginResponse, LogoutResponse, MeResponse } from '../schemas/auth';
import { errorResponses } from '../schemas/common';

const FAILURE_WINDOW_MS = 15 * 60 * 1000;
const tags = ['auth'];

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
      const failures = `login-fail:${username}:${request.ip}`;
      const { loginFailuresPer15Minutes } = app.qms.settings;
      if (Number((await app.qms.store.get(failures)) ?? 0) >= loginFailuresPer15Minutes) {
        throw new DomainError('rate_limited', 'too many failed sign-ins; wait 15 minutes');
      }
      const account = app.qms.accounts.get(username);
      const ok = account?.passwordHash ? await verifyPassword(password, account.passwordHash) : false;
      if (!account || !ok) {
        await app.qms.store.hit(failures, FAILURE_WINDOW_MS);
        request.log.info({ username, ip: request.ip }, 'sign-in refused');
        throw new DomainError('unauthorized', 'wrong username or password');
      }
      request.log.info({ userId: account.id, role: account.role }, 'signed in');
      // From here the request is this user's, so the audit log records the sign-in as theirs.
      request.user = tokenPayload(account);
      return {
        token: app.signToken(account),
        user: { id: account.id, name: account.name, role: account.role, hallId: account.hallId, staffNo: account.staffNo },
      };
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
