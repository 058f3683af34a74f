import { randomBytes } from 'node:crypto';

/** 96 random bits, URL-safe: ticket ids appear in the phone tracking link and must not be guessable. */
export function randomId(): string {
  return randomBytes(12).toString('base64url');
}
