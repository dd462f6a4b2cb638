export { createGateway } from './create-gateway.ts';
export type { Gateway, GatewayAddress, GatewayLogEntry, GatewayOptions } from './gateway-options.ts';
export type { GatewayConfig, GatewayCorsConfig, GatewayKeyBudgetConfig, GatewayKeyConfig } from './gateway-config-schema.ts';
