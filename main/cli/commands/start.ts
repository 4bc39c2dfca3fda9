import { startApp } from '../../launcher/start-app.ts';
import { parseCommandArgs, type CliCommand } from '../command.ts';
import { parsePort } from './serve.ts';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'Open Midstance: the desktop app, or browser mode where Electron cannot run.',
  usage: 'midstance start [FILE…] [--browser] [--port N] [--no-open]   (--port/--no-open apply to browser mode)',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      browser: { type: 'boolean' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
    });
    return startApp({
      files: positionals,
      browser: values.browser === true,
      port: values.port === undefined ? undefined : parsePort(values.port),
      openBrowser: !values['no-open'],
      io,
    });
  },
};
