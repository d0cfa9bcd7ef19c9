import { z } from 'zod';
import path from 'node:path';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';

/** Raised when an environment variable is invalid; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const hostList = z.string().transform((s, ctx) => {
  const hosts = s.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  for (const h of hosts) {
    if (!/^[a-z0-9.-]+$/.test(h)) ctx.addIssue({ code: 'custom', message: `"${h}" is not a host name` });
  }
  return hosts;
});

const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL').optional(),
  EARSHOT_DATA_DIR: z.string().min(1).default('./.earshot'),
  EARSHOT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  EARSHOT_SECRET_PREVIOUS: z.string().min(32, 'must be at least 32 characters').optional(),
  EARSHOT_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  EARSHOT_TRUST_PROXY: z
    .string()
    .regex(/^(off|false|no|\d{1,2})$/i, 'must be "off" or a number of trusted proxies (0-99)')
    .default('off')
    .transform((v) => (/^\d+$/.test(v) ? Number(v) : 0)),
  EARSHOT_ALLOWED_HOSTS: hostList.default([]),
  GEOIP_DB: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  EARSHOT_BATCH_ROWS: z.coerce.number().int().min(1).max(100_000).default(5000),
  EARSHOT_BATCH_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  EARSHOT_QUEUE_MAX: z.coerce.number().int().min(100).max(10_000_000).default(100_000),
  EARSHOT_KEY_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  EARSHOT_RAW_RETENTION_MONTHS: z.coerce.number().int().min(1, 'must be at least 1').max(1200).default(13),
  EARSHOT_FEED_REFRESH_MINUTES: z.coerce.number().int().min(0, 'must be 0 (off) or more').max(10_080).default(30),
  EARSHOT_ALLOW_PRIVATE_FEEDS: z.enum(['0', '1', 'true', 'false'], { error: 'must be 0 or 1' }).default('0').transform((v) => v === '1' || v === 'true'),
});

export type Config = {
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string;
  /** The secret before a rotation: still opens hash keys sealed with it (they are re-sealed). */
  secretPrevious: string | null;
  publicUrl: string;
  trustProxy: number;
  allowedHosts: string[];
  geoipDb: string | undefined;
  port: number;
  host: string;
  batchRows: number;
  batchMs: number;
  queueMax: number;
  keyGraceDays: number;
  feedRefreshMinutes: number;
  allowPrivateFeeds: boolean;
  rawRetentionMonths: number;
  /** Host names of this tracker (from EARSHOT_PUBLIC_URL): `/e/` chains through them are unwrapped. */
  selfHosts: ReadonlySet<string>;
};

/**
 * Reads and validates the environment. A bad variable throws ConfigError naming it.
 * Without DATABASE_URL, EARSHOT_SECRET is generated once and kept in the data dir.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`${name}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !e.EARSHOT_SECRET) {
    throw new ConfigError('EARSHOT_SECRET: required when DATABASE_URL is set (at least 32 random characters)');
  }
  if (e.GEOIP_DB && !fs.existsSync(e.GEOIP_DB)) {
    throw new ConfigError(`GEOIP_DB: no file at ${e.GEOIP_DB}`);
  }
  const dataDir = path.resolve(e.EARSHOT_DATA_DIR);
  const port = e.PORT;
  const publicUrl = (e.EARSHOT_PUBLIC_URL ?? `http://${e.HOST}:${port}`).replace(/\/+$/, '');
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir,
    secret: e.EARSHOT_SECRET ?? readOrCreateSecret(dataDir),
    secretPrevious: e.EARSHOT_SECRET_PREVIOUS ?? null,
    publicUrl,
    trustProxy: e.EARSHOT_TRUST_PROXY,
    allowedHosts: e.EARSHOT_ALLOWED_HOSTS,
    geoipDb: e.GEOIP_DB,
    port,
    host: e.HOST,
    batchRows: e.EARSHOT_BATCH_ROWS,
    batchMs: e.EARSHOT_BATCH_MS,
    queueMax: e.EARSHOT_QUEUE_MAX,
    keyGraceDays: e.EARSHOT_KEY_GRACE_DAYS,
    feedRefreshMinutes: e.EARSHOT_FEED_REFRESH_MINUTES,
    rawRetentionMonths: e.EARSHOT_RAW_RETENTION_MONTHS,
    allowPrivateFeeds: e.EARSHOT_ALLOW_PRIVATE_FEEDS,
    selfHosts: new Set([new URL(publicUrl).hostname.toLowerCase()]),
  };
}

function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  }
}
