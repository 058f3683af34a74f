/**
 * The pages' typed client of the v1 API: a call names its route as the server lists it
 * (`'GET /halls/:hallId/overview'`, the keys of `ApiRoutes` in server/protocol.ts) and gets that
 * route's answer type, derived from the route's schema — so no page writes an answer's shape again.
 * Path parameters are filled in encoded, the query string is written from an object, and the
 * request goes through `Api` (its token, Idempotency-Key and errors in the message table's words).
 */
import type { ApiRoutes } from '../../server/protocol';
import type { Api } from './api';

export type RouteKey = keyof ApiRoutes;
export type AnswerOf<K extends RouteKey> = ApiRoutes[K]['answer'];
export type BodyOf<K extends RouteKey> = ApiRoutes[K]['body'];
export type QueryOf<K extends RouteKey> = ApiRoutes[K]['query'];

type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;
type ParamNames<P extends string> = P extends `${string}:${infer N}/${infer R}` ? N | ParamNames<`/${R}`> : P extends `${string}:${infer N}` ? N : never;

type ParamsPart<K extends RouteKey> = [ParamNames<PathOf<K>>] extends [never] ? { params?: undefined } : { params: Record<ParamNames<PathOf<K>>, string> };
type BodyPart<K extends RouteKey> = [BodyOf<K>] extends [undefined]
  ? { body?: undefined }
  : [BodyOf<K>] extends [Blob]
    ? { body: Blob; contentType: string }
    : object extends BodyOf<K>
      ? { body?: BodyOf<K> }
      : { body: BodyOf<K> };
type QueryPart<K extends RouteKey> = [QueryOf<K>] extends [undefined]
  ? { query?: undefined }
  : object extends QueryOf<K>
    ? { query?: QueryOf<K> }
    : { query: QueryOf<K> };

export type CallOptions<K extends RouteKey> = ParamsPart<K> &
  BodyPart<K> &
  QueryPart<K> & {
    /** The version a change was made against (`If-Match`; 409 version_conflict when stale). */
    ifMatch?: number;
    /** Extra request headers (e.g. the phone page's socket id). */
    headers?: Record<string, string>;
  };

/** The rest parameter: leave the options out where the route needs none. */
type OptionsArg<K extends RouteKey> = object extends CallOptions<K> ? [options?: CallOptions<K>] : [options: CallOptions<K>];

/** The URL of a route: `:names` filled in (encoded) and the query's set fields appended. */
export function routeUrl(path: string, params: Record<string, string> = {}, query: object = {}): string {
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`route ${path}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(name, String(value));
  const q = search.toString();
  return `/api/v1${filled}${q ? `?${q}` : ''}`;
}

/** Calls `route` through `api` and answers with the route's answer type. */
export function call<K extends RouteKey>(api: Api, route: K, ...[options]: OptionsArg<K>): Promise<AnswerOf<K>> {
  const o = (options ?? {}) as {
    params?: Record<string, string>;
    query?: object;
    body?: unknown;
    contentType?: string;
    ifMatch?: number;
    headers?: Record<string, string>;
  };
  const space = route.indexOf(' ');
  const method = route.slice(0, space);
  const url = routeUrl(route.slice(space + 1), o.params, o.query);
  const headers = { ...o.headers, ...(o.ifMatch === undefined ? {} : { 'if-match': String(o.ifMatch) }) };
  type A = AnswerOf<K>;
  switch (method) {
    case 'GET':
      return api.get<A>(url);
    case 'DELETE':
      return api.delete<A>(url);
    case 'PATCH':
      return api.patch<A>(url, o.body);
    case 'PUT':
      if (o.ifMatch === undefined) throw new Error(`${route} replaces a versioned document: give ifMatch`);
      return api.put<A>(url, o.body, o.ifMatch);
    case 'POST':
      if (o.body instanceof Blob) return api.upload<A>(url, o.body, o.contentType ?? o.body.type, o.ifMatch);
      return Object.keys(headers).length > 0 ? api.postWithHeaders<A>(url, o.body ?? {}, headers) : api.post<A>(url, o.body ?? {});
    default:
      throw new Error(`unknown method in route ${route}`);
  }
}
