import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 of a session cookie or API token: the only form in which either is stored. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** A new random token (256 bits, base64url) with a readable prefix. */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
