import type { EmbedRequest } from '../types/embed-request.ts';
import { checkCommonFields } from './check-common-fields.ts';
import { fieldSet } from './field-set.ts';
import { expected, isObject, unknownKey, type RequestProblem } from './request-problem.ts';

/** Every field of `EmbedRequest` (src/types/embed-request.ts); the compiler fails while one is missing here. */
export const EMBED_REQUEST_FIELDS = fieldSet<EmbedRequest>()(['model', 'input', 'dimensions', 'signal', 'timeoutMs', 'providerOptions', 'tags', 'require']);

/**
 * The first thing wrong with an embedding request (`EmbedRequest`), or undefined: `input` must be a non-empty list
 * of non-empty strings (a single text goes in a list of one), `dimensions` a whole number above 0.
 */
export function checkEmbedRequest(request: unknown): RequestProblem | undefined {
  if (!isObject(request)) return expected('request', 'an object such as { model, input: ["text"] }', request);
  const common = checkCommonFields(request);
  if (common) return common;
  const input = request.input;
  if (!Array.isArray(input)) return expected('input', typeof input === 'string' ? 'a list of texts (wrap a single text in a list: input: ["hello"])' : 'a list of texts', input);
  if (input.length === 0) return { field: 'input', message: 'expected at least one text, found an empty list' };
  for (let i = 0; i < input.length; i++) if (typeof input[i] !== 'string' || input[i] === '') return expected(`input[${i}]`, 'a non-empty string', input[i]);
  const dimensions = request.dimensions;
  if (dimensions !== undefined && !(typeof dimensions === 'number' && Number.isSafeInteger(dimensions) && dimensions > 0)) return expected('dimensions', 'a whole number above 0', dimensions);
  return unknownKey(request, EMBED_REQUEST_FIELDS, '');
}
