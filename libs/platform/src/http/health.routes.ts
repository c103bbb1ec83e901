import type { FastifyInstance } from 'fastify';

/** A dependency the service cannot serve without; `check` throws when it is unavailable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

export function registerHealthRoutes(app: FastifyInstance, checks: ReadinessCheck[]): void {
  app.get('/health/live', { schema: { hide: true } }, (_request, reply) =>
    reply.send({ status: 'ok' }),
  );

  app.get('/health/ready', { schema: { hide: true } }, async (_request, reply) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return { name, status: 'ok' as const };
        } catch (error) {
          return { name, status: 'down' as const, detail: (error as Error).message };
        }
      }),
    );
    const ready = results.every((r) => r.status === 'ok');
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'down', checks: results });
  });
}
