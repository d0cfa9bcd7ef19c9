import { createHash } from 'node:crypto';

/**
 * A deterministic hit id: the first 128 bits of SHA-256 of `text`, laid out as a UUID
 * (version 5 and variant bits set). The same text always gives the same id, which is what
 * makes imports and the demo idempotent.
 */
export function uuidFromText(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
