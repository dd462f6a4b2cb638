/**
 * The text every fake response carries and every client must return, shared by the fake provider and the clients
 * so that a client that skips work (drops a chunk, stops early) fails the check instead of winning.
 */

const WORDS = [
  'A', ' switchyard', ' sorts', ' freight', ' cars', ' onto', ' the', ' right', ' tracks,', ' and', ' a', ' good', ' one',
  ' does', ' it', ' quickly', ' without', ' derailing', ' anything', ' on', ' the', ' way.', ' Each', ' car', ' rolls',
  ' over', ' the', ' hump,', ' picks', ' up', ' speed,', ' and', ' is', ' guided', ' by', ' retarders', ' into', ' its',
  ' classification', ' track.',
];

/** The text of stream chunk `index` (0-based): one word-sized token, like a real model's delta. */
export function chunkText(index: number): string {
  if (index === 0) return WORDS[0];
  return WORDS[index % WORDS.length] === 'A' ? ' A' : WORDS[index % WORDS.length];
}

const cache = new Map<number, string>();

/** The whole text of a reply of `chunks` chunks (a non-streaming reply carries the same text in one piece). */
export function expectedText(chunks: number): string {
  let text = cache.get(chunks);
  if (text === undefined) {
    text = '';
    for (let i = 0; i < chunks; i++) text += chunkText(i);
    cache.set(chunks, text);
  }
  return text;
}

/** Prompt tokens the fake provider reports for every request. */
export const PROMPT_TOKENS = 42;

/** The conversation every client sends: a system prompt and a short user turn, as in a typical app. */
export const BENCH_MESSAGES = [
  { role: 'system' as const, content: 'You are a concise assistant for a railway operations team. Answer in plain English.' },
  { role: 'user' as const, content: 'In one paragraph, explain what a switchyard does and why hump yards are fast.' },
];

/** The model name clients ask for (the fake provider echoes a dated snapshot). */
export const BENCH_MODEL = 'gpt-4o';

/** The dated snapshot the fake provider reports as served. */
export const SERVED_MODEL = 'gpt-4o-2024-08-06';

/** The most tokens clients ask for. */
export const MAX_TOKENS = 512;
