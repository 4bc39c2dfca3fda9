import { parseCommandArgs, type CliCommand } from '../command.ts';
import { runBrowserMode } from '../../launcher/browser-mode.ts';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve Midstance in browser mode on 127.0.0.1 (token-guarded).',
  usage: 'midstance serve [FILE…] [--port N] [--no-open]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
    });
    const port = values.port === undefined ? undefined : parsePort(values.port);
    await runBrowserMode({ files: positionals, port, openBrowser: !values['no-open'], io, reason: undefined });
    return 0;
  },
};

export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw Object.assign(new Error(`--port must be a whole number from 0 to 65535, not "${text}"`), {
      code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
    });
  }
  return port;
}
