import type { Attempt } from './attempt.ts';
import type { ChatResult } from './chat-result.ts';
import type { EmbedResult } from './embed-result.ts';
import type { StreamPart } from './stream-part.ts';

/** What the router adds to every result: who served it and every attempt made for it. */
export interface RoutedCallMetadata {
  /** The config id of the provider that served the call. */
  provider: string;
  /** Every attempt the router made (or skipped) for this call, in order, the one that served it last. */
  attempts: Attempt[];
}

/** A chat result from `createSwitchyard(...).chat()`: `provider` and `attempts` are always there. */
export type RoutedChatResult = ChatResult & RoutedCallMetadata;

/** An embedding result from `createSwitchyard(...).embed()`: `provider` and `attempts` are always there. */
export type RoutedEmbedResult = EmbedResult & RoutedCallMetadata;

/** A part of a stream from `createSwitchyard(...).stream()`: its `finish` part always has `provider` and `attempts`. */
export type RoutedStreamPart = Exclude<StreamPart, { type: 'finish' }> | (Extract<StreamPart, { type: 'finish' }> & RoutedCallMetadata);
