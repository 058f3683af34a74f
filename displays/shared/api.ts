/**
 * The browser's client of the v1 API: the page's token, an Idempotency-Key on every POST (so a
 * double click or a retry after a dropped reply never acts twice), and errors turned into the
 * message table's words — never a raw code or a stack on screen.
 */
import { errorMessage, messages, type Locale } from '../../server/i18n';
import type { ErrorCode } from '../../server/domain/errors';
import type { ApiError } from '../../server/protocol';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Words for people, from the message table. */
    readonly display: string,
    /** The server's own message (the table's words plus what exactly was wrong), when it sent one. */
    readonly detail: string = display,
    /** Every problem of a refused document, one per field, in the request's language. */
    readonly problems: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(`${status} ${code}`);
    this.name = 'ApiFailure';
  }
}

function newKey(): string {
  return crypto.randomUUID();
}

export interface ApiOptions {
  token?: string | null;
  locale?: Locale;
  /** Called on 401 so the page can show its login form again. */
  onUnauthorized?: () => void;
}

export class Api {
  constructor(private readonly opts: ApiOptions = {}) {}

  withToken(token: string | null): Api {
    return new Api({ ...this.opts, token });
  }

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  /** POSTs with a fresh Idempotency-Key, or the given one when retrying the same action. */
  post<T>(path: string, body: unknown = {}, key: string = newKey()): Promise<T> {
    return this.send<T>('POST', path, body, key);
  }

  /** POSTs with extra headers (e.g. the phone page's socket id as proof it is open). */
  postWithHeaders<T>(path: string, body: unknown, headers: Record<string, string>): Promise<T> {
    return this.send<T>('POST', path, body, newKey(), headers);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  /** Replaces a versioned document: `ifMatch` is the version it was read at (409 when stale). */
  put<T>(path: string, body: unknown, ifMatch: number): Promise<T> {
    return this.send<T>('PUT', path, body, undefined, { 'if-match': String(ifMatch) });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }

  /** POSTs a file as it is (a CSV or XLSX import), with its own content type; `ifMatch`: the version it was checked against. */
  upload<T>(path: string, file: Blob, contentType: string, ifMatch?: number): Promise<T> {
    return this.send<T>('POST', path, file, newKey(), { 'content-type': contentType, ...(ifMatch === undefined ? {} : { 'if-match': String(ifMatch) }) });
  }

  private async send<T>(method: string, path: string, body?: unknown, key?: string, extra: Record<string, string> = {}): Promise<T> {
    const headers: Record<string, string> = { 'accept-language': this.opts.locale ?? 'zh-CN' };
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    if (key) headers['idempotency-key'] = key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, extra);
    const raw = body instanceof Blob;
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : raw ? body : JSON.stringify(body) });
    } catch {
      throw new ApiFailure(0, 'network_error', messages(this.opts.locale).networkError);
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!res.ok) {
      // The specific refusal (`ticket_not_found`) when the contract code is a general one (`not_found`).
      const error = (parsed as ApiError | null)?.error;
      const code = error?.reason ?? error?.code ?? 'internal_error';
      if (res.status === 401) this.opts.onUnauthorized?.();
      // A per-person limit the server named (`limit`) comes worded with its particulars — the area
      // and the ticket held, or the daily number — from the same message table, in this page's language.
      const display = error?.limit && error.message ? error.message : messageFor(code, this.opts.locale);
      throw new ApiFailure(res.status, code, display, error?.message, error?.problems ?? []);
    }
    return parsed as T;
  }
}

/** The message table's words for an error code (unknown codes get the generic error). */
export function messageFor(code: string, locale: Locale = 'zh-CN'): string {
  try {
    return errorMessage(code as ErrorCode, locale) ?? errorMessage('internal_error', locale);
  } catch {
    return errorMessage('internal_error', locale);
  }
}
