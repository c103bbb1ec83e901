import type { ForwardedRoute } from './route-table';

/**
 * The time each forwarded route may take: the default, or an override named in the config as
 * `METHOD /route=ms` (the route as the route table spells it, e.g. `POST /v1/member-imports`).
 */
export function upstreamTimeouts(
  defaultMs: number,
  overrides: string,
): (route: ForwardedRoute) => number {
  const byRoute = new Map<string, number>();
  for (const entry of overrides
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const match = /^([A-Z]+) (\/\S*)=(\d+)$/.exec(entry);
    if (!match) throw new Error(`GATEWAY_ROUTE_TIMEOUTS_MS: "${entry}" is not METHOD /route=ms`);
    byRoute.set(`${match[1]} ${match[2]}`, Number(match[3]));
  }
  return (route) => byRoute.get(`${route.method} ${route.url}`) ?? defaultMs;
}
