import { runCli } from './main.ts';

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
// Long-running commands (serve) resolve only when they are done, so exiting here is safe.
process.exitCode = exitCode;
