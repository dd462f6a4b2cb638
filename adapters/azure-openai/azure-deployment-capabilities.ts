import type { ModelCapabilities } from '../../src/types/provider-capabilities.ts';
import { openAIReasoningEfforts } from '../openai-compatible/openai-reasoning-models.ts';

/**
 * What each deployment's model can do, where Switchyard knows it from the model (`deployments`): `reasoning: false`
 * for models that take no reasoning effort (gpt-4o, gpt-4.1, …), `true` for those with known efforts, so that routing
 * skips a deployment that cannot reason instead of calling it. Deployments of unlisted models are left unknown.
 */
export function azureDeploymentCapabilities(deployments: Readonly<Record<string, { model: string }>>): Record<string, ModelCapabilities> {
  const out: Record<string, ModelCapabilities> = {};
  for (const [name, { model }] of Object.entries(deployments)) {
    const efforts = openAIReasoningEfforts(model);
    if (efforts !== undefined) out[name] = { reasoning: efforts !== null };
  }
  return out;
}
