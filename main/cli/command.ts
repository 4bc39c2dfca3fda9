import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the process exit code. Throw MidstanceError for user-facing failures. */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Strict option parsing shared by all subcommands: unknown flags are errors, not ignored. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  allowPositionals = true,
) {
  return parseArgs({ args, options, allowPositionals, strict: true });
}
