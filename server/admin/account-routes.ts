/**
 * The accounts console's routes: list, create, edit, disable, enable, reset a password, and issue a
 * device's pairing code. Administrators manage every account, a hall manager the clerks and devices
 * of their own hall (`AccountAdmin` decides); no answer carries a password hash.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Account } from '../auth/accounts';
import { DomainError } from '../domain/errors';
import { errorResponses } from '../http/schemas/common';
import type { SecondFactors } from '../auth/second-factor';
import type { AccountAdmin } from './account-admin';
import {
  AccountBody,
  AccountList,
  AccountListQuery,
  AccountParams,
  CreateAccountRequest,
  CreateAccountResponse,
  DeviceParams,
  PairingCodeResponse,
  PatchAccountRequest,
  ResetPasswordResponse,
} from './account-schemas';
import type { DevicePairing } from './device-pairing';

const tags = ['accounts'];

const accountRoutes: FastifyPluginAsyncTypebox<{ admin: AccountAdmin; pairing: DevicePairing; factors: SecondFactors }> = async (
  app,
  { admin, pairing, factors },
) => {
  // Hall managers, the system administrator (staff and devices) and the security administrator
  // (the administrators' accounts); `AccountAdmin` decides which accounts each may touch.
  const managers = app.authorize({ roles: ['manager', 'security_admin'] });
  const securityAdmins = app.authorize({ roles: ['security_admin'], exclusive: true });
  const actor = (request: FastifyRequest): Account => {
    const a = app.qms.accounts.get(request.user.sub);
    if (!a) throw new DomainError('unauthorized', 'account no longer exists');
    return a;
  };

  app.get(
    '/admin/accounts',
    {
      onRequest: managers,
      schema: { summary: '账号列表 · The accounts one may manage', tags, querystring: AccountListQuery, response: { 200: AccountList, ...errorResponses } },
    },
    async (request) => {
      const me = actor(request);
      const { hallId } = request.query;
      if (hallId !== undefined && me.hallId !== null && hallId !== me.hallId) throw new DomainError('forbidden', `not allowed in hall ${hallId}`);
      return { accounts: admin.list(me, hallId) };
    },
  );

  app.post(
    '/admin/accounts',
    {
      onRequest: managers,
      schema: {
        summary: '新建账号 · Create an account (answers its one-time password)',
        tags,
        body: CreateAccountRequest,
        response: { 201: CreateAccountResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const created = await admin.create(actor(request), request.body);
      request.log.info({ accountId: created.account.id, role: created.account.role, hallId: created.account.hallId }, 'account created');
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/admin/accounts/:id',
    {
      onRequest: managers,
      schema: {
        summary: '修改账号 · Edit name, staff number, role or hall',
        tags,
        params: AccountParams,
        body: PatchAccountRequest,
        response: { 200: AccountBody, ...errorResponses },
      },
    },
    async (request) => {
      const account = await admin.update(actor(request), request.params.id, request.body);
      request.log.info({ accountId: account.id }, 'account changed');
      return { account };
    },
  );

  for (const [verb, disabled, summary] of [
    ['disable', true, '停用账号 · Disable an account (its tokens and sockets end at once)'],
    ['enable', false, '启用账号 · Enable an account again'],
  ] as const) {
    app.post(
      `/admin/accounts/:id/${verb}`,
      { onRequest: managers, schema: { summary, tags, params: AccountParams, response: { 200: AccountBody, ...errorResponses } } },
      async (request) => {
        const account = await admin.setDisabled(actor(request), request.params.id, disabled);
        request.log.info({ accountId: account.id, disabled }, disabled ? 'account disabled' : 'account enabled');
        return { account };
      },
    );
  }

  app.post(
    '/admin/accounts/:id/reset-password',
    {
      onRequest: managers,
      schema: {
        summary: '重置密码 · Reset the password (a new one-time password; its tokens end at once)',
        tags,
        params: AccountParams,
        response: { 200: ResetPasswordResponse, ...errorResponses },
      },
    },
    async (request) => {
      const oneTimePassword = await admin.resetPassword(actor(request), request.params.id);
      request.log.info({ accountId: request.params.id }, 'password reset');
      return { oneTimePassword };
    },
  );

  app.post(
    '/admin/accounts/:id/reset-second-factor',
    {
      onRequest: securityAdmins,
      schema: {
        summary: "重置动态口令 · Remove a person's second factor (security administrator; they enrol again at next sign-in)",
        tags,
        params: AccountParams,
        response: { 200: AccountBody, ...errorResponses },
      },
    },
    async (request) => {
      const account = await admin.resetSecondFactor(actor(request), request.params.id, factors);
      request.log.info({ accountId: account.id }, 'second factor reset');
      return { account };
    },
  );

  app.post(
    '/admin/halls/:hallId/devices/:deviceId/pairing-code',
    {
      onRequest: managers,
      schema: {
        summary: '设备配对码 · A one-use code (10 minutes) that enrols this device',
        tags,
        params: DeviceParams,
        response: { 200: PairingCodeResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId, deviceId } = request.params;
      const issued = await pairing.issue(actor(request), hallId, deviceId, Date.now());
      request.log.info({ hallId, deviceId }, 'pairing code issued');
      return issued;
    },
  );
};

export default accountRoutes;
