/**
 * Hall configuration as live data, over HTTP: read and change a hall's document (compare-and-set on
 * its version), add a hall, retire one, and read the change history.
 *
 * "From now on" vs "today only": a change here is the hall's configuration from now on (every node
 * applies it within a second, today's log records it, and later days start with it). The manager's
 * `windows/:windowId/areas` and `extend-hours` commands are today only: they live in the day's log
 * and end with the day.
 *
 * Managers may read and change their own hall's configuration, all of it but its id and timezone
 * (fixed for everyone: a day's date depends on them); adding and retiring halls is for admins.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { LiveHalls } from '../app/live-halls';
import { fromHallDoc, hallDocProblems, hallKey, type HallDoc } from '../config/hall-doc';
import { checkHallDoc } from '../config/hall-schema';
import { configChangeProblems } from '../domain/config-change';
import { DomainError } from '../domain/errors';
import { errorResponses, HallParams } from '../http/schemas/common';
import { ChangesQuery, ChangesResponse, HallConfigRequest, HallConfigResponse, HallSummaryList, IfMatchHeaders } from './config-schemas';
import { changeHistory } from './config-history';

const tags = ['admin'];

/**
 * `raw` as a hall document, or 400 `invalid_config` listing every problem: in English in the
 * message, and structured (worded in the request's language) as `problems`, the same ones the
 * console's forms find before sending.
 */
function validHall(raw: unknown, retired: boolean): HallDoc {
  const candidate = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...raw, retired } : raw;
  const problems = hallDocProblems(candidate);
  if (problems.length > 0) throw new DomainError('invalid_config', problems.join('; '), { field: 'hall', problems: checkHallDoc(candidate) });
  return candidate as HallDoc;
}

const configRoutes: FastifyPluginAsyncTypebox<{ halls: LiveHalls }> = async (app, { halls }) => {
  const staff = app.authorize({ roles: ['manager'] });
  const admin = app.authorize({ roles: [] });

  async function write(hallId: string, expected: number, hall: HallDoc, by: string): Promise<{ version: number; hall: HallDoc }> {
    const result = await app.qms.store.writeDoc(hallKey(hallId), expected, JSON.stringify(hall), { by, at: app.qms.clock.now() });
    if (!result.ok) {
      if (expected === 0) throw new DomainError('hall_exists', `hall ${hallId} exists`);
      throw new DomainError('version_conflict', `hall ${hallId} is at version ${result.version}, not ${expected}`);
    }
    await halls.took(result.version, hall);
    return { version: result.version, hall };
  }

  app.get(
    '/admin/halls/:hallId/config',
    {
      onRequest: staff,
      schema: {
        summary: "大厅配置 · A hall's configuration (from now on) and its version",
        tags,
        params: HallParams,
        response: { 200: HallConfigResponse, ...errorResponses },
      },
    },
    async (request) => halls.require(request.params.hallId),
  );

  app.put(
    '/admin/halls/:hallId/config',
    {
      onRequest: staff,
      schema: {
        summary:
          "修改大厅配置（此后生效） · Change a hall's configuration from now on (If-Match: version); today-only changes are the manager's window-areas and extend-hours",
        tags,
        params: HallParams,
        headers: IfMatchHeaders,
        body: HallConfigRequest,
        response: { 200: HallConfigResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { hallId } = request.params;
      const expected = Number(request.headers['if-match'].replace(/\D/g, ''));
      const stored = halls.require(hallId);
      const hall = validHall(request.body.hall, stored.hall.retired);
      const fixed: string[] = [];
      if (hall.id !== hallId) fixed.push(`/id: is ${hallId} and cannot change`);
      if (hall.timezone !== stored.hall.timezone) fixed.push(`/timezone: is ${stored.hall.timezone} and cannot change`);
      if (fixed.length > 0) {
        const problems = fixed.map((line) => line.slice(1, line.indexOf(':'))).map((field) => ({ code: 'invalid_value', path: field, params: { field } }));
        throw new DomainError('invalid_config', fixed.join('; '), { field: 'hall', problems });
      }
      if (expected !== stored.version) throw new DomainError('version_conflict', `hall ${hallId} is at version ${stored.version}, not ${expected}`);
      const problems = await app.qms.service.query(hallId, (state) => configChangeProblems(state, fromHallDoc(hall)));
      if (problems.length > 0) throw new DomainError(problems[0]!.code, problems.map((p) => p.message).join('; '), { problems });
      return write(hallId, expected, hall, request.user.sub);
    },
  );

  app.get(
    '/admin/halls',
    {
      onRequest: admin,
      schema: {
        summary: '全部大厅（含已停用） · Every hall with its configuration version, retired ones too',
        tags,
        response: { 200: HallSummaryList, ...errorResponses },
      },
    },
    async () => ({
      halls: halls
        .all()
        .map((h) => ({ id: h.hall.id, name: h.hall.name, version: h.version, retired: h.hall.retired }))
        .sort((a, b) => Number(a.retired) - Number(b.retired) || a.id.localeCompare(b.id)),
    }),
  );

  app.post(
    '/admin/halls',
    {
      onRequest: admin,
      schema: {
        summary: '新增大厅 · Add a hall (live on every node)',
        tags,
        body: HallConfigRequest,
        response: { 201: HallConfigResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const hall = validHall(request.body.hall, false);
      if (halls.get(hall.id)) throw new DomainError('hall_exists', `hall ${hall.id} exists`);
      const written = await write(hall.id, 0, hall, request.user.sub);
      return reply.code(201).send(written);
    },
  );

  app.post(
    '/admin/halls/:hallId/retire',
    {
      onRequest: admin,
      schema: {
        summary: '停用大厅 · Retire a hall: it refuses commands and leaves the lists; its history stays',
        tags,
        params: HallParams,
        response: { 200: HallConfigResponse, ...errorResponses },
      },
    },
    async (request) => {
      const stored = halls.require(request.params.hallId);
      if (stored.hall.retired) return stored;
      return write(stored.hall.id, stored.version, { ...stored.hall, retired: true }, request.user.sub);
    },
  );

  app.get(
    '/admin/changes',
    {
      onRequest: staff,
      schema: {
        summary: '变更记录 · Who changed what and when (before and after); managers: their hall',
        tags,
        querystring: ChangesQuery,
        response: { 200: ChangesResponse, ...errorResponses },
      },
    },
    async (request) => {
      const user = request.user;
      const hallId = request.query.hallId ?? (user.role === 'admin' ? null : user.hallId);
      if (user.role !== 'admin' && (hallId === null || hallId !== user.hallId)) throw new DomainError('forbidden', "managers read their own hall's changes");
      const since = request.query.from === undefined ? undefined : Date.parse(request.query.from);
      const until = request.query.to === undefined ? undefined : Date.parse(request.query.to);
      if (Number.isNaN(since) || Number.isNaN(until)) throw new DomainError('invalid_request', 'from/to: not a date', { field: 'from' });
      return { changes: await changeHistory(app.qms.store, { hallId, since, until }) };
    },
  );
};

export default configRoutes;
