import { asyncApiDocument } from '@laoke/contracts';
import type { HttpApp } from '@laoke/platform';

/**
 * The AsyncAPI 3 document of every topic and event, next to the OpenAPI docs: what a system of
 * a chain needs to publish notification.requested itself or to follow the platform's events.
 */
export function registerAsyncApiRoute(app: HttpApp): void {
  const document = asyncApiDocument();
  app.get('/docs/asyncapi.json', { schema: { hide: true } }, () => document);
}
