/**
 * A page's sign-in, kept in localStorage so a wall display or counter survives a reload or a
 * power cut. Each kind of page keeps its own, so one PC can run a counter and a rating pad.
 */
import type { LoginResponse } from '../../server/protocol';

export type Session = LoginResponse;

const key = (page: string) => `qms:session:${page}`;

export function loadSession(page: string): Session | null {
  try {
    const raw = localStorage.getItem(key(page));
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(page: string, session: Session): void {
  localStorage.setItem(key(page), JSON.stringify(session));
}

export function clearSession(page: string): void {
  localStorage.removeItem(key(page));
}

/** The page's query parameters (`?hall=yuxi&window=3`). */
export function queryParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}
