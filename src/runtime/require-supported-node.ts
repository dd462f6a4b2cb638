import { SwitchyardError } from '../errors/switchyard-error.ts';
import { unsupportedNodeMessage } from './node-floor.ts';

/**
 * Imported first by every entry point, so that an older Node.js stops with one clear sentence before any
 * dependency (undici) is evaluated, instead of a stack trace from inside it. Throws a `SwitchyardError` whose
 * `code` is `unsupported_node` and whose stack is only that sentence.
 */
const message = unsupportedNodeMessage();
if (message !== undefined) {
  const error = new SwitchyardError('unsupported_node', message);
  error.stack = `SwitchyardError: ${message}`;
  throw error;
}
