/** Administrators' webhook subscriptions and their deliveries (the secret is write-only). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhook-payload';
import { errorResponses, IdParam, Nullable } from '../http/schemas/common';
import type { Webhooks } from './webhooks';

const tags = ['webhooks'];

const EventTypeSchema = Type.Union(WEBHOOK_EVENT_TYPES.map((t) => Type.Literal(t)));
export const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  createdAt: Type.Integer(),
  createdBy: Type.String(),
});
export const CreateBody = Type.Object(
  {
    url: Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2000 }),
    events: Type.Array(EventTypeSchema, { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length }),
    secret: Type.String({ minLength: 16, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const DeliverySchema = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  eventId: Type.String(),
  type: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('dead')]),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  lastStatus: Nullable(Type.Integer()),
  createdAt: Type.Integer(),
  deliveredAt: Nullable(Type.Integer()),
});
const WebhookParams = Type.Object({ id: IdParam });
const DeliveryParams = Type.Object({ id: IdParam, deliveryId: IdParam });

const webhookRoutes: FastifyPluginAsyncTypebox<{ webhooks: Webhooks }> = async (app, { webhooks }) => {
  const admin = app.authorize({ roles: [] });
  const shown = ({ removed: _removed, ...hook }: ReturnType<Webhooks['list']>[number]) => hook;

  app.post(
    '/admin/webhooks',
    {
      onRequest: admin,
      schema: {
        summary: '新增推送订阅 · Subscribe a URL to event types (signed with the secret)',
        tags,
        body: CreateBody,
        response: { 201: Type.Object({ webhook: WebhookSchema }), ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send({ webhook: shown(await webhooks.create(request.body, request.user.sub)) }),
  );

  app.get(
    '/admin/webhooks',
    {
      onRequest: admin,
      schema: {
        summary: '推送订阅列表 · The webhook subscriptions (never their secrets)',
        tags,
        response: { 200: Type.Object({ webhooks: Type.Array(WebhookSchema) }), ...errorResponses },
      },
    },
    async () => ({ webhooks: webhooks.list().map(shown) }),
  );

  app.delete(
    '/admin/webhooks/:id',
    {
      onRequest: admin,
      schema: {
        summary: '删除推送订阅 · Remove a subscription',
        tags,
        params: WebhookParams,
        response: { 204: { description: '已删除 · Removed', type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await webhooks.remove(request.params.id, request.user.sub);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/webhooks/:id/deliveries',
    {
      onRequest: admin,
      schema: {
        summary: "推送记录 · A subscription's deliveries, newest first (this node)",
        tags,
        params: WebhookParams,
        response: { 200: Type.Object({ deliveries: Type.Array(DeliverySchema) }), ...errorResponses },
      },
    },
    async (request) => ({ deliveries: webhooks.deliveries(request.params.id) }),
  );

  app.post(
    '/admin/webhooks/:id/deliveries/:deliveryId/replay',
    {
      onRequest: admin,
      schema: {
        summary: '重新推送 · Send a delivery again (same event id)',
        tags,
        params: DeliveryParams,
        response: { 200: Type.Object({ delivery: DeliverySchema }), ...errorResponses },
      },
    },
    async (request) => ({ delivery: webhooks.replay(request.params.id, request.params.deliveryId) }),
  );
};

export default webhookRoutes;
