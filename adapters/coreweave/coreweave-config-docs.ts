import type { KeyDoc } from '../../src/config/document-keys.ts';

/** The keys of `reasoning` that also apply per model (`reasoning.models.<model>`). */
const MODEL_REASONING_DOCS: Record<string, KeyDoc> = {
  style: {
    description: 'How `request.reasoning` reaches the chat template: `reasoning_effort` sends the effort as `reasoning_effort` (vLLM passes it to the template, and sets `enable_thinking` to `effort !== \'none\'` when the request sends none); `chat_template_kwargs` sends `kwargs` (thinking on) or `offKwargs` (effort `none`) as `chat_template_kwargs`, for templates switched by a variable (Qwen3 `enable_thinking`, DeepSeek-V3.1 and Granite `thinking`); `none`: the server takes no reasoning controls, nothing is sent (a warning).',
    default: 'reasoning_effort',
  },
  efforts: { description: 'Style `reasoning_effort`: the efforts the server accepts (gpt-oss: `low`, `medium`, `high`); any other effort is an `UnsupportedFeatureError` before anything is sent.', defaultText: 'every effort, sent as asked' },
  kwargs: { description: 'Style `chat_template_kwargs`: the kwargs that turn thinking on.', default: { enable_thinking: true } },
  offKwargs: { description: 'Style `chat_template_kwargs`: the kwargs that turn thinking off (effort `none`).', defaultText: '`kwargs` with every boolean negated' },
  effortKwarg: { description: 'Style `chat_template_kwargs`: a template variable that takes the effort itself; without it the effort level is not graded (a warning).', examples: ['reasoning_effort'] },
  budgetField: {
    description: 'The request field that carries `budgetTokens`, a dotted path for a nested one (NIM `nvext.max_thinking_tokens`, a template\'s `chat_template_kwargs.reasoning_budget`); `false`: the server takes no budget (a warning).',
    default: 'thinking_token_budget',
  },
};

/** The keys of `type: coreweave` in a config, for `docs/config.md` (`npm run docs:config`). */
export const COREWEAVE_CONFIG_DOCS: Record<string, KeyDoc> = {
  baseURL: { description: 'The server\'s base URL, ending in `/v1`: a vLLM or NIM server on CoreWeave Kubernetes. Without it, CoreWeave Serverless Inference.', default: 'https://api.inference.wandb.ai/v1', examples: ['${COREWEAVE_BASE_URL}'] },
  apiKey: { description: 'The API key, sent as `Authorization: Bearer`: required by Serverless Inference, optional for a self-hosted server.' },
  project: { description: 'Serverless Inference: the `team/project` usage is attributed to, sent as `OpenAI-Project`.' },
  headers: { description: 'Extra headers on every request.' },
  maxTokensField: { description: 'The body field for the token limit (`max_tokens` is understood by every vLLM, NIM and Serverless version; an old vLLM ignores `max_completion_tokens`).', default: 'max_tokens' },
  reasoning: {
    description: 'How the served models take `request.reasoning` (as their chat templates need), with per-model settings in `models` for a provider that serves several.',
    defaultText: '`reasoning_effort` sent as asked, `budgetTokens` as `thinking_token_budget`, earlier reasoning text sent back as `reasoning`',
    keys: {
      ...MODEL_REASONING_DOCS,
      models: {
        description: 'Per-model settings (the keys of `reasoning` but `models` and `replayField`), by the model id targets send, merged over the provider\'s.',
        examples: [{ 'deepseek-ai/DeepSeek-V3.1': { kwargs: { thinking: true } } }],
        keys: MODEL_REASONING_DOCS,
      },
      replayField: { description: 'The assistant message field that carries an earlier turn\'s reasoning text (`messages[i].reasoning.text`) back, for templates that render it: vLLM reads `reasoning` (and the older `reasoning_content`); `false` sends none.', default: 'reasoning' },
    },
  },
};
