import { describe, it, expect } from 'vitest';
import { backends, createTestDb } from '../helpers/test-db';
import { HashKeyStore, SealedKeyError } from '../../lib/tracker/hash-key-store';
import { createKeySealer } from '../../lib/tracker/key-sealer';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe.each(backends())('monthly hash keys sealed with EARSHOT_SECRET on %s', (backend) => {
  it('stores only the sealed key, opens it with the secret, refuses another secret, and re-seals after a rotation', async () => {
    const t = await createTestDb(backend);
    try {
      const store = new HashKeyStore(createKeySealer(A));
      const key = (await store.ensure(t.db, '2025-10'))!;
      expect(key).toHaveLength(32);
      const raw = async () => Buffer.from((await t.db.query<{ k: string }>("SELECT encode(key, 'hex') AS k FROM hash_keys WHERE month = '2025-10'"))[0]!.k, 'hex');
      const sealed = await raw();
      expect(sealed).toHaveLength(63);
      expect(sealed.includes(key)).toBe(false);
      // Same secret, new process: the same key.
      expect(await new HashKeyStore(createKeySealer(A)).ensure(t.db, '2025-10')).toEqual(key);
      // Another secret cannot open it (and says why); no secret at all neither.
      await expect(new HashKeyStore(createKeySealer(B)).ensure(t.db, '2025-10')).rejects.toThrow(SealedKeyError);
      await expect(new HashKeyStore().ensure(t.db, '2025-10')).rejects.toThrow(/EARSHOT_SECRET/);
      // Rotation: B with A as the previous secret opens it and re-seals it under B.
      expect(await new HashKeyStore(createKeySealer(B, A)).ensure(t.db, '2025-10')).toEqual(key);
      expect((await raw()).equals(sealed)).toBe(false);
      expect(await new HashKeyStore(createKeySealer(B)).ensure(t.db, '2025-10')).toEqual(key);
      await expect(new HashKeyStore(createKeySealer(A)).ensure(t.db, '2025-10')).rejects.toThrow(SealedKeyError);
      // A plain key from an earlier build is sealed on first load.
      const plain = (await new HashKeyStore().ensure(t.db, '2025-11'))!;
      expect(await raw().then(() => t.db.query<{ n: number }>("SELECT length(key)::int AS n FROM hash_keys WHERE month = '2025-11'"))).toEqual([{ n: 32 }]);
      expect(await new HashKeyStore(createKeySealer(B)).ensure(t.db, '2025-11')).toEqual(plain);
      expect(await t.db.query<{ n: number }>("SELECT length(key)::int AS n FROM hash_keys WHERE month = '2025-11'")).toEqual([{ n: 63 }]);
    } finally {
      await t.drop();
    }
  });
});
