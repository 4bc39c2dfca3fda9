import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readStaticFile } from '../../../main/server/static-files.ts';

// The secret sits beside the root, where a path leaving the root would land (in a folder of this run's own).
const parent = mkdtempSync(join(tmpdir(), 'midstance-static-'));
const root = join(parent, 'root');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<html>index</html>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(parent, 'midstance-secret.txt'), 'secret');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('static files', () => {
  it('serves files with their content type and falls back to index.html', async () => {
    expect((await readStaticFile(root, '/assets/app.js'))?.contentType).toMatch(/javascript/);
    expect((await readStaticFile(root, '/'))?.body.toString()).toContain('index');
    expect((await readStaticFile(root, '/workspace/42'))?.body.toString()).toContain('index');
  });

  it('never leaves the root', async () => {
    for (const path of ['/../midstance-secret.txt', '/%2e%2e/midstance-secret.txt', '/assets/../../midstance-secret.txt']) {
      const file = await readStaticFile(root, path);
      expect(file?.body.toString() ?? '').not.toContain('secret');
    }
    expect(await readStaticFile(root, '/%E0%A4%A')).toBeNull();
  });
});
