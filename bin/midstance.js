#!/usr/bin/env node
// The CLI runs its TypeScript sources directly on Node >= 22.12 (type stripping); no build needed.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `midstance: Node ${process.versions.node} is too old; Midstance needs Node 22.12 or newer.\n` +
      '  Run it through npm (npm start, npx midstance), which uses the Node installed with the project,\n' +
      '  or install Node 22 from https://nodejs.org.\n',
  );
  process.exit(1);
}
await import('../main/cli/index.ts');
