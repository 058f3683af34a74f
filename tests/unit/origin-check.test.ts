/**
 * The origin rule (server/domain/origin-check.ts) case by case: a page's Origin against the host the
 * request was for, believing X-Forwarded-* only from a trusted proxy.
 */
import { describe, expect, it } from 'vitest';
import { checkOrigin, firstValue, type OriginRequest } from '../../server/domain/origin-check';

const base: OriginRequest = { origin: undefined, host: undefined, fromTrustedProxy: false, allowed: [] };
const verdict = (r: Partial<OriginRequest>) => checkOrigin({ ...base, ...r });

describe('checkOrigin', () => {
  it('passes clients without an Origin and the allowed origins', () => {
    expect(verdict({ host: 'a:1' })).toEqual({ ok: true });
    expect(verdict({ origin: 'https://screens.example', host: 'other', allowed: ['https://screens.example'] })).toEqual({ ok: true });
  });

  it('compares host and port the way a browser writes them, default ports elided', () => {
    expect(verdict({ origin: 'http://hall.example:8080', host: 'hall.example:8080' }).ok).toBe(true);
    expect(verdict({ origin: 'http://hall.example', host: 'hall.example:80' }).ok).toBe(true);
    expect(verdict({ origin: 'http://[::1]:8080', host: '[::1]:8080' }).ok).toBe(true);
    expect(verdict({ origin: 'http://hall.example:8090', host: 'hall.example:8080' })).toMatchObject({
      ok: false,
      reason: 'origin_mismatch',
      hostSeen: 'hall.example:8080',
    });
    expect(verdict({ origin: 'http://evil.example:8080', host: 'hall.example:8080' }).ok).toBe(false);
  });

  it('a port-less Host is the same site only when a trusted proxy sent it', () => {
    expect(verdict({ origin: 'http://hall.example:8090', host: 'hall.example', fromTrustedProxy: true }).ok).toBe(true);
    expect(verdict({ origin: 'http://hall.example:8090', host: 'hall.example' }).ok).toBe(false);
    expect(verdict({ origin: 'http://evil.example:8090', host: 'hall.example', fromTrustedProxy: true }).ok).toBe(false);
  });

  it('believes X-Forwarded-Host, -Proto and -Port from a trusted proxy only', () => {
    const fwd = { origin: 'https://qms.example.cn', host: '127.0.0.1:8081', forwardedHost: 'qms.example.cn', forwardedProto: 'https' };
    expect(verdict({ ...fwd, fromTrustedProxy: true }).ok).toBe(true);
    expect(verdict(fwd)).toMatchObject({ ok: false, hostSeen: '127.0.0.1:8081' });
    // The proxy says plain http, the page says https: not the same origin.
    expect(verdict({ ...fwd, forwardedProto: 'http', fromTrustedProxy: true }).ok).toBe(false);
    // The port from X-Forwarded-Port, and then it must match.
    expect(verdict({ origin: 'http://hall.example:8090', host: 'hall.example', forwardedPort: '8090', fromTrustedProxy: true }).ok).toBe(true);
    expect(verdict({ origin: 'http://hall.example:8090', host: 'hall.example', forwardedPort: '8091', fromTrustedProxy: true }).ok).toBe(false);
  });

  it('says what to change, and refuses an Origin that is not a URL', () => {
    const no = verdict({ origin: 'http://hall.example:8090', host: 'hall.example' });
    expect(no.ok === false && no.fix).toContain('proxy_set_header Host $http_host;');
    expect(no.ok === false && no.fix).toContain('QMS_TRUST_PROXY');
    expect(no.ok === false && no.fix).toContain('QMS_ALLOWED_ORIGINS');
    expect(verdict({ origin: 'null', host: 'hall.example' })).toMatchObject({ ok: false, reason: 'origin_unreadable' });
  });

  it('takes the first of a chain of forwarded values', () => {
    expect(firstValue('a.example, b.example')).toBe('a.example');
    expect(firstValue(['x', 'y'])).toBe('x');
    expect(firstValue('')).toBeUndefined();
  });
});
