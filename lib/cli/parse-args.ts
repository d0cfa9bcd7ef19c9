import { CliError } from './cli-error';

export type ParsedArgs = { positional: string[]; flags: Record<string, string | true> };

/**
 * Parses `args` against the allowed options: `valued` take a value (`--x v` or `--x=v`),
 * `booleans` do not. Unknown options are a CliError.
 */
export function parseArgs(args: string[], valued: string[], booleans: string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-' || !a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    if (valued.includes(name)) {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new CliError(`--${name} needs a value`);
      flags[name] = v;
    } else if (booleans.includes(name) && inline === undefined) {
      flags[name] = true;
    } else {
      throw new CliError(`unknown option ${a}`);
    }
  }
  return { positional, flags };
}
