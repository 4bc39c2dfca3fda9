import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MidstanceError } from '../../common/contract/errors.ts';

/** The built renderer, produced by `npm run build` (electron-vite) into out/renderer. */
export function rendererRoot(): string {
  const root = fileURLToPath(new URL('../../out/renderer/', import.meta.url));
  if (!existsSync(`${root}index.html`)) {
    throw new MidstanceError(
      'not-found',
      'The user interface has not been built yet. Run "npm run build" (npm start does this for you).',
    );
  }
  return root;
}
