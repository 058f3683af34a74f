/**
 * The API contract, generated from the route schemas: the OpenAPI 3.1 document at
 * `GET /api/v1/openapi.json`, and a readable reference page (Swagger UI) at `GET /api/docs` that
 * renders under the same Content-Security-Policy as every page.
 *
 * What a route's schema cannot say is derived here from the route itself, so it cannot drift: a
 * route guarded by `app.authorize` is documented with the bearer token and the roles it admits,
 * and a body none of whose fields is required is documented as optional (`http/bodies.ts`).
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { accessRuleOf } from './auth';
import type { AccessRule } from './context';
import { errorResponses } from './schemas/common';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/docs';
export const BEARER = 'bearerAuth';

/** The tags, one per resource, in the order the reference page lists them. */
const TAGS = [
  { name: 'auth', description: '登录 · Sign-in' },
  { name: 'halls', description: '大厅 · Halls and their layout' },
  { name: 'tickets', description: '号票 · Tickets' },
  { name: 'windows', description: '窗口 · Counter windows' },
  { name: 'board', description: '大屏与公告 · The hall board and notices' },
  { name: 'appointments', description: '预约 · Calendar and appointments' },
  { name: 'announcements', description: '语音播报 · Call announcements' },
  { name: 'stats', description: '统计 · Statistics' },
  { name: 'forecast', description: '预测与排班 · Arrival forecasts and staffing advice' },
  { name: 'reports', description: '跨厅报表 · Reports across halls' },
  { name: 'manager', description: '大厅管理 · The manager' },
  { name: 'accounts', description: '账号与设备 · Accounts and device pairing' },
  { name: 'catalogue', description: '事项目录 · The service catalogue and its imports' },
  { name: 'notifications', description: '短信提醒 · Text reminders to citizens' },
  { name: 'webhooks', description: '推送订阅 · Outbound webhooks for integrations' },
  { name: 'audit', description: '安全审计 · The hash-chained audit trail' },
  { name: 'ops', description: '运维 · Health, metrics and this document' },
  { name: 'admin', description: '系统配置 · Hall configuration, its history and the official calendar' },
];

/**
 * The operation's id: its method and path in camel case, parameters as `By…`
 * (`GET /api/v1/halls/{hallId}/board` → `getHallsByHallIdBoard`); unique as method and path are.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((part) => (part.startsWith(':') ? ['by', part.slice(1)] : part.split(/[^A-Za-z0-9]+/)))
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

function accessOf(route: RouteOptions): AccessRule | undefined {
  const hooks = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
  return hooks.map(accessRuleOf).find((rule) => rule !== undefined);
}

function rolesText(rule: AccessRule): string {
  return rule.roles === 'any' ? '任一登录角色 · any signed-in role' : `角色 · roles: ${[...rule.roles, ...(rule.exclusive ? [] : ['admin'])].join(', ')}`;
}

/**
 * Adds what the route itself decides to its documented schema: an operation id, and the token and
 * roles its hooks ask for; a route without an access rule is public (`security: []`) unless its
 * schema says the token is optional (`OPTIONAL_BEARER`).
 */
function withAccess({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }): { schema: FastifySchema; url: string } {
  if (!schema || schema.hide) return { schema, url };
  const method = Array.isArray(route.method) ? route.method.join('') : route.method;
  const named = { ...schema, operationId: schema.operationId ?? operationIdOf(method, url) };
  const rule = accessOf(route);
  if (!rule) return { schema: { ...named, security: schema.security ?? [] }, url };
  const description = [schema.description, rolesText(rule)].filter(Boolean).join('\n\n');
  return { schema: { ...named, security: [{ [BEARER]: [] }], description }, url };
}

interface Operation {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: { required?: unknown[] } }> };
  responses?: Record<string, { description?: string }>;
}

/** What @fastify/swagger calls a response whose schema has no description. */
const UNDESCRIBED = 'Default Response';

/**
 * The last touches on the generated document: a body with no required field may be left out
 * (`http/bodies.ts`), and a success without its own description is just that.
 */
function finish<T extends { paths?: Record<string, Record<string, unknown> | undefined> }>(doc: T): T {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item ?? {}) as Operation[]) {
      const schema = op?.requestBody?.content?.['application/json']?.schema;
      if (op.requestBody && schema && !schema.required?.length) op.requestBody.required = false;
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (status.startsWith('2') && response.description === UNDESCRIBED) response.description = '成功 · Success';
      }
    }
  }
  return doc;
}

const documentRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    OPENAPI_PATH,
    {
      schema: {
        summary: '接口文档 · This OpenAPI 3.1 document',
        tags: ['ops'],
        response: { 200: Type.Unknown({ description: 'OpenAPI 3.1' }), ...errorResponses },
      },
    },
    // Built on the first request, when every route is registered, and kept.
    async () => app.swagger(),
  );
};

export default fp(
  async function openapi(app: FastifyInstance) {
    await app.register(fastifySwagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: '排队叫号与大厅显示系统 · Queue calling and hall displays',
          version: '1',
          description:
            '所有失败都以同一形状回答 · Every failure answers `{error: {code, message, field?, reason?}}`.\n\n' +
            '实时事件见 docs/realtime.md · Live events: Socket.IO namespace `/halls`, described in docs/realtime.md.',
        },
        // Paths are absolute (`/api/v1/…`): the server is the one that serves this document.
        servers: [{ url: '/', description: '本服务器 · The server this document came from' }],
        tags: TAGS,
        components: { securitySchemes: { [BEARER]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      },
      transform: withAccess,
      transformObject: (doc) => ('openapiObject' in doc ? finish(doc.openapiObject) : doc.swaggerObject),
    });
    await app.register(fastifySwaggerUi, {
      routePrefix: DOCS_PATH,
      // No top bar: this page shows this server's document only.
      uiConfig: { layout: 'BaseLayout', docExpansion: 'list', deepLinking: true, defaultModelsExpandDepth: 0 },
      theme: { title: '接口文档 · API reference' },
      uiHooks: {
        // Swagger UI redirects `static/index.html` by rewriting the URL's end, so with a query
        // string it redirects to itself for ever: send it to the page instead.
        onRequest: (request, reply, done) => {
          // A hook that answers ends the request without `done`; the reply is sent, not awaited.
          if (request.routeOptions.url === `${DOCS_PATH}/static/index.html`) void reply.redirect(`${DOCS_PATH}/`);
          else done();
        },
      },
    });
    await app.register(documentRoute);
  },
  { name: 'qms-openapi', dependencies: ['qms-auth'] },
);
