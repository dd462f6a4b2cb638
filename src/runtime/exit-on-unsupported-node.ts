import { unsupportedNodeMessage } from './node-floor.ts';

// The `switchyard` command's first import: on an older Node.js it prints one sentence and exits with code 1
// before anything else is loaded.
const message = unsupportedNodeMessage();
if (message !== undefined) {
  process.stderr.write(`switchyard: ${message}\n`);
  process.exit(1);
}
