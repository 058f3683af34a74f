/**
 * Whether a browser page may open a live connection: its `Origin` must be the site it was served
 * from (or one the operator allowed). Behind a reverse proxy "the site" is what the browser typed,
 * which the proxy may have rewritten: the proxy's `X-Forwarded-Host`/`-Proto`/`-Port` say what it
 * was, and nginx's usual `proxy_set_header Host $host;` drops the port. Pure: headers in, verdict out.
 */

export interface OriginRequest {
  /** The `Origin` header; absent for clients that are not browsers (keypads, scripts). */
  origin: string | undefined;
  /** The `Host` header as it reached us. */
  host: string | undefined;
  /** The first `X-Forwarded-Host` / `-Proto` / `-Port` values, if any. */
  forwardedHost?: string | undefined;
  forwardedProto?: string | undefined;
  forwardedPort?: string | undefined;
  /** The connection's peer is a proxy listed in QMS_TRUST_PROXY: only then are X-Forwarded-* believed. */
  fromTrustedProxy: boolean;
  /** QMS_ALLOWED_ORIGINS. */
  allowed: readonly string[];
}

export type OriginVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'origin_unreadable' | 'origin_mismatch';
      /** The host the request said it was for (after believing a trusted proxy), for the log. */
      hostSeen: string | null;
      /** What an operator changes so that this origin is accepted, if it is theirs. */
      fix: string;
    };

/** The first value of a header a chain of proxies may have appended to (`a, b`). */
export function firstValue(header: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(header) ? header[0] : header;
  const first = raw?.split(',')[0]?.trim();
  return first ? first : undefined;
}

/** `host[:port]` read the way a browser would for `scheme` (default ports elided); null if unreadable. */
function hostAs(scheme: string, host: string): URL | null {
  try {
    return new URL(`${scheme}//${host}`);
  } catch {
    return null;
  }
}

function hasPort(host: string): boolean {
  // `[::1]:8088` or `name:8088`; a bare IPv6 literal is bracketed, so its colons do not count.
  return /:\d+$/.test(host) && !/^[^[]*:.*:/.test(host);
}

export function checkOrigin(req: OriginRequest): OriginVerdict {
  if (!req.origin) return { ok: true };
  if (req.allowed.includes(req.origin)) return { ok: true };
  let origin: URL;
  try {
    origin = new URL(req.origin);
  } catch {
    return { ok: false, reason: 'origin_unreadable', hostSeen: req.host ?? null, fix: 'a browser sent an Origin that is not a URL; nothing to change' };
  }
  const trusted = req.fromTrustedProxy;
  const hostHeader = (trusted ? req.forwardedHost : undefined) ?? req.host;
  // Without X-Forwarded-Proto the scheme is taken to be the Origin's: the host and port decide.
  const proto = trusted && req.forwardedProto ? `${req.forwardedProto.replace(/:$/, '')}:` : origin.protocol;
  const seen = hostHeader ? hostAs(proto, hostHeader) : null;
  if (seen && !hasPort(hostHeader!) && trusted && req.forwardedPort && /^\d+$/.test(req.forwardedPort)) seen.port = req.forwardedPort;
  const fix =
    `if ${req.origin} is this site: pass the port on in the proxy's Host (nginx: proxy_set_header Host $http_host;), ` +
    `or list the proxy in QMS_TRUST_PROXY so its X-Forwarded-Host is believed, or add it to QMS_ALLOWED_ORIGINS`;
  if (!seen) return { ok: false, reason: 'origin_mismatch', hostSeen: hostHeader ?? null, fix };
  if (seen.protocol === origin.protocol && seen.host === origin.host) return { ok: true };
  // A trusted proxy that passed `$host` dropped the port the browser used: the same name is the same site.
  if (trusted && !hasPort(hostHeader!) && !req.forwardedPort && seen.protocol === origin.protocol && seen.hostname === origin.hostname) return { ok: true };
  return { ok: false, reason: 'origin_mismatch', hostSeen: hostHeader!, fix };
}
