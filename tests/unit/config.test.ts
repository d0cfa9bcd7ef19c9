import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, ConfigError } from '../../lib/config/load-config';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'earshot-cfg-'));

describe('loadConfig', () => {
  it('has defaults and generates a secret in the data dir', () => {
    const d = dir();
    const c = loadConfig({ EARSHOT_DATA_DIR: d });
    expect(c).toMatchObject({ port: 3000, host: '127.0.0.1', trustProxy: 0, allowedHosts: [], databaseUrl: undefined });
    expect(c.secret.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ EARSHOT_DATA_DIR: d }).secret).toBe(c.secret);
  });
  it('parses trust proxy and allowed hosts', () => {
    const c = loadConfig({ EARSHOT_DATA_DIR: dir(), EARSHOT_TRUST_PROXY: '2', EARSHOT_ALLOWED_HOSTS: 'A.example.com, b.example.org' });
    expect(c.trustProxy).toBe(2);
    expect(c.allowedHosts).toEqual(['a.example.com', 'b.example.org']);
  });
  it.each([
    [{ EARSHOT_TRUST_PROXY: 'yes please' }, /^EARSHOT_TRUST_PROXY:/],
    [{ PORT: '70000' }, /^PORT:/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL:/],
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1/test' }, /^EARSHOT_SECRET: required/],
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1/test', EARSHOT_SECRET: 'short' }, /^EARSHOT_SECRET:/],
    [{ EARSHOT_PUBLIC_URL: 'ftp://x' }, /^EARSHOT_PUBLIC_URL:/],
    [{ EARSHOT_ALLOWED_HOSTS: 'good.com,bad host' }, /^EARSHOT_ALLOWED_HOSTS:/],
    [{ GEOIP_DB: '/nonexistent/file.mmdb' }, /^GEOIP_DB:/],
  ])('%j is refused naming the variable', (env, msg) => {
    expect(() => loadConfig({ EARSHOT_DATA_DIR: dir(), ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ EARSHOT_DATA_DIR: dir(), ...env })).toThrow(msg);
  });
});
