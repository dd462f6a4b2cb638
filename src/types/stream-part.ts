import type { CallMetadata } from './call-metadata.ts';

/**
 * One part of a stream. A stream delivers `text-delta` and `tool-call` parts and ends with exactly
 * one `finish` part, or by throwing a typed error after the parts already delivered. It never just stops.
 */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | {
      type: 'tool-call';
      /** The call's id. */
      id: string;
      /** The tool's name. */
      name: string;
      /** The arguments, parsed from JSON (the raw text when it is not valid JSON). */
      arguments: unknown;
      /** The arguments exactly as the model produced them, assembled from all deltas. */
      rawArguments: string;
    }
  | ({ type: 'finish' } & CallMetadata);
