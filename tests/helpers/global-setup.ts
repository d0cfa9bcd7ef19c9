import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** Builds the Next app once if there is no build, for tests that start the real server. */
export default function setup(): void {
  const root = path.resolve(__dirname, '..', '..');
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error('next build failed');
}
