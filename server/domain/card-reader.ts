/**
 * The ID card reader's local service (读卡器本地服务): a small HTTP service on the kiosk PC, from
 * the reader's vendor or the hall's integrator, that the kiosk page asks for the card on the reader
 * (docs/identity.md has the contract). Only a loopback address is accepted: the page must never
 * send a citizen's card anywhere but its own PC, and the Content-Security-Policy allows no other.
 */

/** What the service answers: a card on the reader, or none. */
export type ReaderAnswer = { present: false } | { present: true; idNumber: string; name: string | null };

/** The kiosk page's `reader` setting, if it is a plain-HTTP loopback URL; null otherwise. */
export function loopbackReaderUrl(text: string | null | undefined): string | null {
  if (!text) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || url.username || url.password) return null;
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '[::1]') return null;
  return url.toString();
}

/** The service's JSON read strictly: anything unexpected is "no card" (never a half-read card). */
export function readerAnswer(json: unknown): ReaderAnswer {
  if (json === null || typeof json !== 'object') return { present: false };
  const o = json as Record<string, unknown>;
  if (o.present !== true || typeof o.idNumber !== 'string' || o.idNumber.trim() === '') return { present: false };
  const name = typeof o.name === 'string' && o.name.trim() !== '' ? o.name.trim().slice(0, 40) : null;
  return { present: true, idNumber: o.idNumber.trim(), name };
}
