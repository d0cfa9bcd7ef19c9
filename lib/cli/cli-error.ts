/** Bad input to a CLI command: printed as one line on stderr, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}
