import type * as Msw from 'msw';
import { loadPackage } from '../runtime/load-package.ts';

/**
 * `msw`, the optional peer dependency the test kit's handlers are made with, loaded when the first mock is created
 * (so that a missing msw is one clear error, not a module-not-found from deep inside).
 */
export function loadMsw(): typeof Msw {
  return loadPackage<typeof Msw>('msw', 'switchyard/testing makes msw handlers, and msw (an optional peer dependency) is not installed: npm install --save-dev msw@^3');
}
