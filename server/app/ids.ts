import { randomBytes } from 'node:crypto';

const POOL_IDS = 256;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * 96 random bits, URL-safe: ticket ids appear in the phone tracking link and must not be guessable.
 * Drawn from a pool refilled 256 ids at a time: one call to the system's random source per pool,
 * not per request.
 */
export function randomId(): string {
  if (offset + 12 > pool.length) {
    pool = randomBytes(12 * POOL_IDS);
    offset = 0;
  }
  offset += 12;
  return pool.toString('base64url', offset - 12, offset);
}

/** Four random decimal digits (an appointment code's secret part). */
export function randomDigits4(): string {
  return String(randomBytes(4).readUInt32BE(0) % 10000).padStart(4, '0');
}
