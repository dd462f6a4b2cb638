import type { ProviderCapabilities } from '../../src/types/provider-capabilities.ts';
import { OCI_CHAT_REASONING } from './oci-reasoning-models.ts';

/**
 * What OCI's models can do, where Switchyard knows: `reasoning` from `OCI_CHAT_REASONING` (`false` for the models
 * that do not reason; Grok 4 reasons, without controls), and no documents for the text-only models (Oracle's gpt-oss
 * pages: "Images and file inputs such as audio, video, and document files aren't supported"; Grok 3 Mini: "Text-Mode
 * Only"). Other models keep the provider defaults.
 */
export const OCI_MODEL_CAPABILITIES: ProviderCapabilities = {
  tools: true,
  jsonSchema: true,
  embeddings: true,
  models: Object.fromEntries(
    Object.entries(OCI_CHAT_REASONING).map(([model, rule]) => {
      const textOnly = model.startsWith('openai.gpt-oss') || model.startsWith('xai.grok-3-mini');
      return [model, { reasoning: rule.style !== 'unsupported', ...(textOnly ? { documents: false, images: false } : {}) }];
    }),
  ),
};
