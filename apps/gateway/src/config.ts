import { Type, type Static } from 'typebox';
import { HttpConfigProperties, loadConfig } from '@laoke/platform';

export const GatewayConfigProperties = {
  ...HttpConfigProperties,
  MEMBERS_URL: Type.String({ minLength: 1 }),
  LOYALTY_URL: Type.String({ minLength: 1 }),
  CAMPAIGNS_URL: Type.String({ minLength: 1 }),
  NOTIFICATIONS_URL: Type.String({ minLength: 1 }),
  /** `key=brandId` pairs, comma-separated. No default: a gateway without keys admits nobody. */
  GATEWAY_API_KEYS: Type.String({ minLength: 3 }),
  /** The address integrators call, shown in the API document; `/` means where it was fetched from. */
  GATEWAY_PUBLIC_URL: Type.String({ minLength: 1, default: '/' }),
  /** Calls one API key may make per minute on one gateway instance. */
  GATEWAY_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, default: 12_000 }),
};

export type GatewayConfig = Static<ReturnType<typeof Type.Object<typeof GatewayConfigProperties>>>;

export const loadGatewayConfig = (env = process.env): GatewayConfig =>
  loadConfig(GatewayConfigProperties, env);
