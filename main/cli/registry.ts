import type { CliCommand } from './command.ts';
import { exportCommand } from './commands/export.ts';
import { frameCommand } from './commands/frame.ts';
import { infoCommand } from './commands/info.ts';
import { poseCommand } from './commands/pose.ts';
import { probeCommand } from './commands/probe.ts';
import { reportCommand } from './commands/report.ts';
import { serveCommand } from './commands/serve.ts';
import { startCommand } from './commands/start.ts';
import { trackCommand } from './commands/track.ts';

/** Every subcommand, in the order `--help` lists them. Each lives in commands/<name>.ts. */
export const commands: CliCommand[] = [
  startCommand, serveCommand, infoCommand, probeCommand, frameCommand, reportCommand, exportCommand, trackCommand, poseCommand,
];
