import { randomBytes } from 'node:crypto';

/** 96 random bits, URL-safe: ticket ids appear in the phone tracking link and must not be guessable. */
export function randomId(): string {
  return randomBytes(12).toString('base64url');
}

/** Four random decimal digits (an appointment code's secret part). */
export function randomDigits4(): string {
  return String(randomBytes(4).readUInt32BE(0) % 10000).padStart(4, '0');
}
