import { recordSkip } from '../resilience/record-skip.ts';
import type { CallState } from '../resilience/call-state.ts';
import { capabilityProblem } from './check-capabilities.ts';
import { estimatePromptTokens } from './estimate-prompt-tokens.ts';
import { orderTargets } from './order-targets.ts';
import type { RouteTarget } from './route.ts';
import type { EmbedRequest } from '../types/embed-request.ts';

/**
 * The targets that may serve a call, in the order to try them. Targets whose provider lacks a required tag
 * (`require.tags` of the alias and of the request) or whose model cannot serve the request (tools, images,
 * JSON schema, embeddings, a prompt longer than the context window) are recorded as `skipped` attempts with
 * the reason. Open circuits and budgets are checked later, when a target's turn comes. An embedding request with
 * `dimensions` tries targets with `capabilities.dimensions: false` last.
 */
export function selectCandidates(call: CallState): RouteTarget[] {
  const { route, request, operation } = call;
  const requestTags = request.require?.tags;
  const required = requestTags && requestTags.length > 0 ? [...route.requireTags, ...requestTags] : route.requireTags;
  let tokens: number | undefined;
  const promptTokens = () => (tokens ??= estimatePromptTokens(request));
  const eligible: RouteTarget[] = [];
  for (const target of route.targets) {
    if (required.length > 0) {
      const missing = required.filter((tag) => !target.tags.includes(tag));
      if (missing.length > 0) {
        recordSkip(call, target, `policy: provider ${target.providerId} lacks the required tag${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (require.tags)`);
        continue;
      }
    }
    const problem = capabilityProblem(target.capabilities, operation, request, promptTokens);
    if (problem !== undefined) {
      recordSkip(call, target, `capability: ${problem}`);
      continue;
    }
    eligible.push(target);
  }
  const ordered = orderTargets(route, eligible, { operation, request, deps: call.deps, promptTokens });
  return operation === 'embed' && (request as EmbedRequest).dimensions !== undefined ? preferDimensions(ordered) : ordered;
}

/**
 * An embedding request with `dimensions`: targets known not to apply it (`capabilities.dimensions: false`) move
 * behind the others, in the strategy's order; they still serve (with a warning) when no other target can.
 */
function preferDimensions(targets: RouteTarget[]): RouteTarget[] {
  let ignoring: RouteTarget[] | undefined;
  const honouring: RouteTarget[] = [];
  for (const target of targets) {
    if (target.capabilities.dimensions === false) (ignoring ??= []).push(target);
    else honouring.push(target);
  }
  return ignoring === undefined ? targets : honouring.concat(ignoring);
}
