/** The `output_config.effort` levels of the Messages API. */
export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * How a model thinks:
 * - `none`: no extended thinking;
 * - `manual`: only `thinking: { type: 'enabled', budget_tokens }` (Claude 3.7 to 4.5);
 * - `both`: adaptive (`thinking: { type: 'adaptive' }` with `output_config.effort`) and, deprecated, the manual budget (Claude 4.6);
 * - `adaptive`: adaptive only; a budget is rejected with a 400 (Claude Opus 4.7 and later, Claude 5);
 * - `always`: adaptive thinking that is always on (Claude Opus 5.5, Claude Fable 5.1).
 */
export type AnthropicThinkingMode = 'none' | 'manual' | 'both' | 'adaptive' | 'always';

/** What Switchyard knows about a Claude model family, from Anthropic's model pages. */
export interface AnthropicModelFacts {
  /** The family id, without a date or version suffix (`claude-sonnet-4-5`). */
  family: string;
  /** The most output tokens per response; sent as `max_tokens` when a request sets no `maxTokens`. */
  maxOutputTokens: number;
  /** The input context window, in tokens. */
  contextWindow: number;
  /** How the model thinks. */
  thinking: AnthropicThinkingMode;
  /** The effort levels `output_config.effort` accepts; undefined when the model has no effort parameter. */
  effort?: readonly AnthropicEffort[];
  /**
   * The sampling parameters it takes: `any` (`temperature` and `top_p` together), `one` (`temperature` or `top_p`,
   * not both: Claude 4.1 to 4.6), `none` (neither: Claude Opus 4.7 and later reject them with a 400).
   */
  sampling: 'any' | 'one' | 'none';
  /** Whether it has native structured outputs (`output_config.format`, Claude 4.5 and later). */
  nativeStructuredOutput: boolean;
  /** Whether it reads PDF documents. */
  documents: boolean;
  /** False for an id Switchyard does not list: the facts are inferred from its generation. */
  known: boolean;
}

type Facts = Omit<AnthropicModelFacts, 'family' | 'known'>;
const K = 1000;
const EFFORT_45: readonly AnthropicEffort[] = ['low', 'medium', 'high'];
const EFFORT_46: readonly AnthropicEffort[] = ['low', 'medium', 'high', 'max'];
const EFFORT_47: readonly AnthropicEffort[] = ['low', 'medium', 'high', 'xhigh', 'max'];
const legacy = (maxOutputTokens: number, documents = true): Facts => ({ maxOutputTokens, contextWindow: 200 * K, thinking: 'none', sampling: 'any', nativeStructuredOutput: false, documents });
const manual = (maxOutputTokens: number, sampling: 'any' | 'one' = 'any', nativeStructuredOutput = false): Facts => ({ maxOutputTokens, contextWindow: 200 * K, thinking: 'manual', sampling, nativeStructuredOutput, documents: true });
const adaptive = (thinking: 'adaptive' | 'always' = 'adaptive'): Facts => ({ maxOutputTokens: 128 * K, contextWindow: 1_000 * K, thinking, effort: EFFORT_47, sampling: 'none', nativeStructuredOutput: true, documents: true });

/**
 * The Claude families, from Anthropic's model overview and per-model pages (platform.claude.com/docs/en/models/…,
 * "Context window · Max output"), the thinking pages ("Extended thinking … is deprecated on Claude Opus 4.6 and Claude
 * Sonnet 4.6 … Claude Opus 4.7, Claude Opus 4.8, Claude Sonnet 5, Claude Fable 5, and Claude Mythos 5 do not support
 * it"), the effort page (which models take `max` and `xhigh`) and the migration guides (Claude Sonnet 4.5: `temperature`
 * or `top_p`, not both; Claude Opus 4.7 and later: no sampling parameters).
 * Not confirmed from a primary source: the sampling rule for Claude Opus 4.1 and the 4.6 models (taken as `one`, like
 * 4.5); the effort levels of Claude Sonnet 5.5 and Haiku 5.5 (taken as the Claude 5 set); that Claude 3 Haiku, Opus and
 * Sonnet read PDFs (taken as no).
 */
const FAMILIES: Record<string, Facts> = {
  'claude-3-haiku': legacy(4096, false),
  'claude-3-opus': legacy(4096, false),
  'claude-3-sonnet': legacy(4096, false),
  'claude-3-5-haiku': legacy(8192),
  'claude-3-5-sonnet': legacy(8192),
  'claude-3-7-sonnet': manual(64 * K),
  'claude-sonnet-4': manual(64 * K),
  'claude-opus-4': manual(32 * K),
  'claude-opus-4-1': manual(32 * K, 'one'),
  'claude-sonnet-4-5': manual(64 * K, 'one', true),
  'claude-haiku-4-5': manual(64 * K, 'one', true),
  'claude-opus-4-5': { ...manual(64 * K, 'one', true), effort: EFFORT_45 },
  'claude-opus-4-6': { maxOutputTokens: 128 * K, contextWindow: 1_000 * K, thinking: 'both', effort: EFFORT_46, sampling: 'one', nativeStructuredOutput: true, documents: true },
  'claude-sonnet-4-6': { maxOutputTokens: 64 * K, contextWindow: 1_000 * K, thinking: 'both', effort: EFFORT_46, sampling: 'one', nativeStructuredOutput: true, documents: true },
  'claude-opus-4-7': adaptive(),
  'claude-opus-4-8': adaptive(),
  'claude-sonnet-5': adaptive(),
  'claude-opus-5': adaptive(),
  'claude-fable-5': adaptive(),
  'claude-mythos-5': adaptive(),
  'claude-sonnet-5-5': adaptive(),
  'claude-haiku-5-5': adaptive(),
  'claude-opus-5-5': adaptive('always'),
  'claude-fable-5-1': adaptive('always'),
};

/**
 * The family of a Claude model id: lower-cased, without a resource path, `@version`, `-YYYYMMDD` date, `-vN` revision
 * or `-latest`. @example claudeFamily('claude-3-5-sonnet-v2@20241022') // 'claude-3-5-sonnet'
 */
export function claudeFamily(model: string): string {
  return model
    .trim()
    .toLowerCase()
    .replace(/^.*\/models\//, '')
    .replace(/@.*$/, '')
    .replace(/-(?:\d{8}|latest)$/, '')
    .replace(/-v\d+(?::\d+)?$/, '');
}

/** Whether a Claude family (`claude-opus-4-7`, `claude-3-5-haiku`) is of generation `major.minor` or later. */
function atLeast(family: string, major: number, minor: number): boolean {
  const [m = 0, n = 0] = family.match(/\d+/g)?.map(Number) ?? [];
  return m > major || (m === major && n >= minor);
}

/**
 * What Switchyard knows about a Claude model. An id it does not list gets facts inferred from its generation (4.7 and
 * later: adaptive thinking, no sampling parameters, 128K output; 4.5 and 4.6: manual thinking; older: none), marked
 * `known: false`, so that a model released after this table still gets a request it can answer.
 */
export function anthropicModelFacts(model: string): AnthropicModelFacts {
  const family = claudeFamily(model);
  const exact = FAMILIES[family];
  if (exact) return { family, known: true, ...exact };
  if (atLeast(family, 4, 7)) return { family, known: false, ...adaptive() };
  if (atLeast(family, 4, 5)) return { family, known: false, ...manual(64 * K, 'one', true) };
  if (atLeast(family, 3, 7)) return { family, known: false, ...manual(32 * K) };
  return { family, known: false, ...legacy(4096, false) };
}
