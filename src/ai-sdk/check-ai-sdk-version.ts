import { readFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { SwitchyardError } from '../errors/switchyard-error.ts';

/**
 * The model specifications each older major of the `ai` package takes: AI SDK 5 takes v2; 6 takes v3, and v2 in a
 * compatibility mode (vercel/ai #11494, #10770); 7 takes v4, which is what `switchyard/ai-sdk` makes.
 */
const SPECIFICATION_BY_MAJOR: Record<number, string> = { 5: 'v2', 6: 'v2 and v3' };

/**
 * Throws a clear error when the `ai` package next to Switchyard is older than AI SDK 7: `switchyard/ai-sdk` makes
 * language model specification v4 models, which `ai@5` and `ai@6` refuse with an error that does not say what
 * to install (`npm install ai` on an older Node can pick ai@6). Does nothing when `ai` is not installed or is 7+.
 * @param from Where `ai` is looked up from. @default this module (as the application's `import 'ai'` would find it)
 */
export function checkAiSdkVersion(from: string | URL = import.meta.url): void {
  let version: string | undefined;
  try {
    // From the namespace when called (Node 22.14+): a named import would fail to link on an older Node.js.
    const file = nodeModule.findPackageJSON('ai', from);
    version = file === undefined ? undefined : (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
  } catch {
    return;
  }
  const major = Number(version?.split('.')[0]);
  if (!Number.isInteger(major) || major >= 7) return;
  const takes = SPECIFICATION_BY_MAJOR[major];
  throw new SwitchyardError(
    'unsupported_ai_sdk',
    `switchyard/ai-sdk makes AI SDK 7 models (language model specification v4), and the installed ai is ${version}${takes ? `, which only takes specification ${takes} models` : ''}: npm install ai@^7 @ai-sdk/provider@^4`,
  );
}
