import { afterAll, afterEach, beforeAll } from 'vitest';
import { network } from './network.ts';

beforeAll(async () => {
  await network.enable();
});
afterEach(() => {
  network.resetHandlers();
});
afterAll(async () => {
  await network.disable();
});
