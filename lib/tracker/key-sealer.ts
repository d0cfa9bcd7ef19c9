import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('es1');

/** Seals the monthly hash keys at rest with AES-256-GCM under a key derived from EARSHOT_SECRET. */
export type KeySealer = {
  seal(month: string, key: Buffer): Buffer;
  /** The key, or null when this blob was sealed under another secret. */
  open(month: string, blob: Buffer): { key: Buffer; stale: boolean } | null;
};

function derive(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('earshot hash-key seal'), Buffer.from('v1'), 32));
}

function openWith(k: Buffer, month: string, blob: Buffer): Buffer | null {
  if (blob.length !== MAGIC.length + 12 + 32 + 16 || !blob.subarray(0, 3).equals(MAGIC)) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', k, blob.subarray(3, 15));
    d.setAAD(Buffer.from(month));
    d.setAuthTag(blob.subarray(47));
    return Buffer.concat([d.update(blob.subarray(15, 47)), d.final()]);
  } catch {
    return null;
  }
}

/**
 * A sealer for `secret`; `previous` (EARSHOT_SECRET_PREVIOUS) still opens keys sealed before a
 * rotation, which are then marked stale so the store re-seals them. A plain 32-byte key (from a
 * build before sealing) opens as stale too.
 */
export function createKeySealer(secret: string, previous?: string | null): KeySealer {
  const current = derive(secret);
  const old = previous ? derive(previous) : null;
  return {
    seal(month, key) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', current, iv);
      c.setAAD(Buffer.from(month));
      const body = Buffer.concat([c.update(key), c.final()]);
      return Buffer.concat([MAGIC, iv, body, c.getAuthTag()]);
    },
    open(month, blob) {
      if (blob.length === 32) return { key: blob, stale: true };
      const k = openWith(current, month, blob);
      if (k) return { key: k, stale: false };
      const o = old && openWith(old, month, blob);
      return o ? { key: o, stale: true } : null;
    },
  };
}
