import { MidstanceError } from '../../common/contract/errors.ts';
import { fileSystemError } from '../platform/fs-errors.ts';
import { APP_VERSION } from '../platform/version.ts';
import type { CliIo } from './command.ts';
import { commands } from './registry.ts';

export function helpText(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `Midstance ${APP_VERSION} — frame-by-frame running-technique analysis`,
    '',
    'Usage: midstance <command> [options]',
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    '  --help      show help (also: midstance <command> --help)',
    '  --version   print the version',
    '  --debug     print full error details',
    '',
  ].join('\n');
}

/** Runs the CLI and returns the exit code; never throws, so callers can rely on one line of error. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((arg) => arg !== '--debug');
  const [first, ...rest] = args;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.stdout(helpText());
    return first === undefined ? 1 : 0;
  }
  if (first === '--version' || first === '-v') {
    io.stdout(`${APP_VERSION}\n`);
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === first);
  if (!command) {
    io.stderr(`midstance: unknown command "${first}". Run "midstance --help" for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (thrown) {
    // File-system failures that escaped a service still get the typed, plain-words message.
    const error = fileSystemError(thrown) ?? thrown;
    io.stderr(`midstance ${command.name}: ${describeError(error)}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return error instanceof MidstanceError || isUsageError(error) ? 2 : 1;
  }
}

function describeError(error: unknown): string {
  if (error instanceof MidstanceError) return error.message;
  if (isUsageError(error)) return `${(error as Error).message}. Run with --help for usage.`;
  if (error instanceof Error) return error.message;
  return String(error);
}

function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
