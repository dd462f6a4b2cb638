import type { GatewayRoute } from '../gateway-route.ts';
import { chatCompletionsRoute } from './chat-completions-route.ts';
import { embeddingsRoute } from './embeddings-route.ts';
import { healthzRoute, readyzRoute } from './health-routes.ts';
import { metricsRoute } from './metrics-route.ts';
import { modelRoute, modelsRoute } from './models-route.ts';

/**
 * Every route of the gateway, one file each in this folder. A new API (`POST /v1/responses`) is one more file
 * exporting a `GatewayRoute`, added to this list.
 */
export const GATEWAY_ROUTES: readonly GatewayRoute[] = [chatCompletionsRoute, embeddingsRoute, modelsRoute, modelRoute, healthzRoute, readyzRoute, metricsRoute];
