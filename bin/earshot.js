#!/usr/bin/env node
// The earshot CLI: runs lib/cli/main.ts through tsx's loader (no separate build step).
import { register } from 'tsx/esm/api';

register();
await import('../lib/cli/main.ts');
