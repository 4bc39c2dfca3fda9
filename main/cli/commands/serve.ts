import { parseCommandArgs, type CliCommand } from '../command.ts';
import { wholeNumber } from '../options.ts';
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
  return wholeNumber('--port', text, { min: 0, max: 65535 });
}
