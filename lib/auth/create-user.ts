import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../../db/client';
import { hashPassword } from './hash-password';

export class UserInputError extends Error {}

export const emailSchema = z.string().trim().toLowerCase().max(254).email();
export const passwordSchema = z.string().min(10, 'the password needs at least 10 characters').max(200);

/**
 * Creates a user (email unique, case-insensitive). Without a password a random one is made and
 * returned, to be shown once. Members get access to `showIds`.
 */
export async function createUser(
  db: Queryable,
  input: { email: string; password?: string; isAdmin: boolean; showIds?: number[] },
): Promise<{ userId: number; email: string; password: string; generated: boolean }> {
  const email = emailSchema.safeParse(input.email);
  if (!email.success) throw new UserInputError(`not an email address: "${input.email}"`);
  const generated = input.password === undefined;
  const password = input.password ?? randomBytes(12).toString('base64url');
  const ok = passwordSchema.safeParse(password);
  if (!ok.success) throw new UserInputError(ok.error.issues[0]!.message);
  const [exists] = await db.query('SELECT 1 FROM users WHERE email = $1', [email.data]);
  if (exists) throw new UserInputError(`a user ${email.data} already exists`);
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO users (email, password_hash, is_admin) VALUES ($1, $2, $3) RETURNING id',
    [email.data, await hashPassword(password), input.isAdmin],
  );
  const userId = Number(row!.id);
  if (!input.isAdmin && input.showIds?.length) {
    await db.query('INSERT INTO user_shows (user_id, show_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING', [userId, input.showIds]);
  }
  return { userId, email: email.data, password, generated };
}
