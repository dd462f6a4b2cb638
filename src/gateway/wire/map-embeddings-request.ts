import type { EmbedRequest } from '../../types/embed-request.ts';
import { GatewayRequestError, invalidParam } from '../gateway-request-error.ts';
import { describeJson, wireEnum, wireInteger, wireObject, wireString } from './wire-values.ts';

/** An embeddings request mapped for the router, with the encoding the answer must use. */
export interface MappedEmbeddingsRequest {
  request: EmbedRequest;
  /** `float` (arrays of numbers) or `base64` (little-endian float32 bytes, the `openai` client's default). */
  encoding: 'float' | 'base64';
}

/** Maps an OpenAI embeddings body (`model`, `input` as a string or strings, `dimensions`, `encoding_format`). */
export function mapEmbeddingsRequest(body: unknown): MappedEmbeddingsRequest {
  const b = wireObject(body, 'body');
  for (const key in b) {
    if (key === 'model' || key === 'input' || key === 'dimensions' || key === 'encoding_format' || key === 'user' || b[key] === null) continue;
    throw new GatewayRequestError(400, `Unrecognized request argument supplied: ${key}`, { param: key, code: 'unknown_parameter' });
  }
  const model = wireString(b.model, 'model');
  let input: string[];
  if (typeof b.input === 'string') input = [b.input];
  else if (Array.isArray(b.input) && b.input.length > 0) {
    input = b.input.map((item, i) => {
      if (typeof item === 'string') return item;
      if (typeof item === 'number' || Array.isArray(item)) throw new GatewayRequestError(400, `input[${i}]: token arrays cannot be routed across providers (each has its own tokenizer); send text`, { param: `input[${i}]`, code: 'unsupported_parameter' });
      throw invalidParam(`input[${i}]`, `expected a string, found ${describeJson(item)}`, 'invalid_type');
    });
  } else throw invalidParam('input', `expected a string or a non-empty array of strings, found ${Array.isArray(b.input) ? 'an empty array' : describeJson(b.input)}`, 'invalid_type');
  const request: EmbedRequest = { model, input };
  if (b.dimensions != null) request.dimensions = wireInteger(b.dimensions, 'dimensions', 1);
  const encoding = b.encoding_format == null ? 'float' : wireEnum(b.encoding_format, 'encoding_format', ['float', 'base64']);
  return { request, encoding };
}
