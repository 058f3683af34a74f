/**
 * The pieces every wire shape is built from, declared once: nullable values, ids in paths, day
 * strings, session kinds, the clerk at a window, and the one error shape with its statuses.
 * The shapes themselves live beside this file, one file per resource; `server/protocol.ts` derives
 * the browsers' types from them, and the OpenAPI document (`GET /api/v1/openapi.json`) is generated
 * from them.
 */
import { Type, type TSchema } from 'typebox';
import { ACCOUNT_ID_MAX, ACCOUNT_ID_PATTERN } from '../../domain/account-rules';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** Compile-time equality, for the checks that keep a schema equal to the domain type it serialises. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** Every id in a path (a hall's, a window's, a ticket's, an account's): the account ids' rule. */
export const IdParam = Type.String({ minLength: 1, maxLength: ACCOUNT_ID_MAX, pattern: ACCOUNT_ID_PATTERN.source });

export const HallParams = Type.Object({ hallId: IdParam });
export const TicketParams = Type.Object({ hallId: IdParam, ticketId: IdParam });
export const WindowParams = Type.Object({ hallId: IdParam, windowId: IdParam });

/**
 * A hall-local date, `YYYY-MM-DD`, that is a real calendar day (no 2026-02-30): format `date` is
 * checked by the domain's `isCalendarDate` (the validator is given it in `build-app.ts`).
 */
export const Day = Type.String({ format: 'date', description: 'A calendar day, `YYYY-MM-DD`' });
/** A hall-local time of day, `HH:MM`. */
export const HourMinute = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' });

/** Opening sessions: the regular day, evening (夜市) and weekend-morning (早市) extras. */
export const SessionKind = Type.Union([Type.Literal('regular'), Type.Literal('night'), Type.Literal('morning')]);
/** The session of a moment: one of the kinds, or closed. */
export const SessionNowKind = Type.Union([...SessionKind.anyOf, Type.Literal('closed')]);
/** The session of a moment with its hall-local times; pages name it in their own language. */
export const SessionTimes = Type.Object({
  kind: SessionNowKind,
  start: Nullable(Type.String()),
  end: Nullable(Type.String()),
  /** Open past the calendar's end (延时服务) by a manager today. */
  extended: Type.Boolean(),
});

export const Clerk = Type.Object({ id: Type.String(), name: Type.String(), staffNo: Nullable(Type.String()) });

export const Notice = Type.Object({ id: Type.String(), text: Type.String() });

export const Priority = Type.Union([Type.Literal('normal'), Type.Literal('priority'), Type.Literal('appointment'), Type.Literal('urgent')]);

export const WindowStatus = Type.Union([Type.Literal('closed'), Type.Literal('open'), Type.Literal('paused')]);

/** Events are many shapes; they pass through as they were stored. */
export const AnyEvent = Type.Object({ type: Type.String(), version: Type.Integer() }, { additionalProperties: true });

const ErrorFields = {
  error: Type.Object({
    code: Type.String({ description: 'Stable snake_case code; 403 is always `forbidden`, 404 always `not_found`' }),
    message: Type.String({ description: 'zh-CN, or English with `Accept-Language: en`' }),
    field: Type.Optional(Type.String({ description: 'The request field that was wrong, e.g. `areaId` or `tags.0`' })),
    reason: Type.Optional(Type.String({ description: 'The specific refusal behind `forbidden` / `not_found`, e.g. `ticket_not_found`' })),
    problems: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'The offending field, e.g. `windows[3].number`; empty for the whole document' }),
          message: Type.String({ description: 'zh-CN, or English with `Accept-Language: en`' }),
        }),
        { description: 'Every problem of a refused document (`invalid_config`, `window_in_use`, `area_in_use`), one per field' },
      ),
    ),
    limit: Type.Optional(
      Type.Union([Type.Literal('open_in_area'), Type.Literal('daily_cap')], {
        description:
          "`identity_limit` only: which per-person limit refused — `open_in_area` (an open ticket in this area already; `message` names the area and the ticket) or `daily_cap` (the hall's tickets per person today; `message` names the number)",
      }),
    ),
  }),
};

/** The one error shape: every refusal and failure answers `{error: {code, message, field?, reason?, problems?, limit?}}`. */
export const ErrorBody = Type.Object(ErrorFields);

const errorResponse = (description: string) => Type.Object(ErrorFields, { description });

/**
 * The error statuses, documented on every route alike: any route may be refused for a malformed
 * request, a missing or wrong token, a hall it may not see, an unknown id, a state that forbids the
 * action, a reused Idempotency-Key, a body too large, too many requests, a fault, or a store that
 * is away.
 */
export const errorResponses = {
  400: errorResponse('请求无效 · Invalid request (`field` names what was wrong)'),
  401: errorResponse('需要登录 · Sign in first (missing, expired or signed-out token)'),
  403: errorResponse('无权操作 · Forbidden for this role or hall'),
  404: errorResponse('未找到 · Not found'),
  409: errorResponse('状态冲突 · Refused in the current state (e.g. `window_closed`, `hall_closed`)'),
  413: errorResponse('请求过大 · Body too large'),
  422: errorResponse('幂等键已用于其他请求 · Idempotency-Key reused for a different request'),
  429: errorResponse('请求过多 · Rate limited'),
  500: errorResponse('内部错误 · Internal error'),
  503: errorResponse('服务暂不可用 · Store unavailable'),
};

/** A body none of whose fields is required may be left out, or sent empty (see `http/bodies.ts`). */
export const NoBody = Type.Object({}, { additionalProperties: false });
