import type { GatewayRoute } from '../gateway-route.ts';
import { chatCompletionsRoute } from './chat-completions-route.ts';
import { embeddingsRoute } from './embeddings-route.ts';
import { healthzRoute, readyzRoute } from './health-routes.ts';
import { metricsRoute } from './metrics-route.ts';
import { modelRoute, modelsRoute } from './models-route.ts';
import { responsesRoute } from './responses-route.ts';

/** Every route of the gateway, one file each in this folder: a new API is one more file exporting a `GatewayRoute`. */
export const GATEWAY_ROUTES: readonly GatewayRoute[] = [chatCompletionsRoute, responsesRoute, embeddingsRoute, modelsRoute, modelRoute, healthzRoute, readyzRoute, metricsRoute];
