type Document = Record<string, unknown>;
type Operation = {
  parameters?: { in: string; name: string }[];
  responses?: Record<string, unknown>;
  security?: unknown;
};
type PathItem = Record<string, Operation>;

/** Fetches each service's OpenAPI document; a service that does not answer is left out. */
export async function fetchServiceDocuments(
  upstreams: Record<string, string>,
  onMissing: (service: string, reason: string) => void,
): Promise<Document[]> {
  const documents = await Promise.all(
    Object.entries(upstreams).map(async ([service, url]) => {
      try {
        const response = await fetch(`${url}/docs/json`, { signal: AbortSignal.timeout(5_000) });
        if (!response.ok) throw new Error(`answered ${response.status}`);
        return (await response.json()) as Document;
      } catch (error) {
        onMissing(service, (error as Error).message);
        return undefined;
      }
    }),
  );
  return documents.filter((d): d is Document => d !== undefined);
}

const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

/** What the gateway itself answers on any public route, before a service is reached. */
const GATEWAY_RESPONSES = {
  Unauthorized: { description: 'No valid x-api-key header', content: problemContent },
  TooManyRequests: {
    description: 'Too many calls for this API key; retry after Retry-After seconds',
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before retrying',
        schema: { type: 'integer', minimum: 0 },
      },
    },
    content: problemContent,
  },
};

/** Public view of a service route: the brand comes from the API key, not from the caller. */
function publicPathItem(item: PathItem): PathItem {
  return Object.fromEntries(
    Object.entries(item).map(([method, operation]) => [
      method,
      {
        ...operation,
        parameters: (operation.parameters ?? []).filter((p) => p.name !== 'x-laoke-brand-id'),
        security: [{ apiKey: [] }],
        responses: {
          ...operation.responses,
          401: { $ref: '#/components/responses/Unauthorized' },
          429: { $ref: '#/components/responses/TooManyRequests' },
        },
      },
    ]),
  );
}

/** Services name their schemas; one name meaning two schemas would give a client the wrong type. */
function addSchemas(into: Record<string, unknown>, schemas: Record<string, unknown>): void {
  for (const [name, schema] of Object.entries(schemas)) {
    if (name in into && JSON.stringify(into[name]) !== JSON.stringify(schema))
      throw new Error(`two services define different schemas named ${name}`);
    into[name] = schema;
  }
}

/**
 * One document for the whole public API: the gateway's own (its info and servers) plus the /v1
 * routes and named schemas of each service.
 */
export function mergeOpenApi(gateway: Document, services: Document[]): Document {
  // The gateway's own routes (credentials, log-in) are public routes too; log-in states `security: []`.
  const paths: Record<string, PathItem> = Object.fromEntries(
    Object.entries((gateway['paths'] ?? {}) as Record<string, PathItem>).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(publicPathItem(item)).map(([method, operation]) => [
          method,
          Array.isArray(item[method]?.security)
            ? { ...operation, security: item[method]?.security }
            : operation,
        ]),
      ),
    ]),
  );
  const tags = new Map<string, unknown>();
  const schemas: Record<string, unknown> = {};
  for (const document of [gateway, ...services]) {
    for (const tag of (document['tags'] ?? []) as { name: string }[]) tags.set(tag.name, tag);
    const components = document['components'] as { schemas?: Record<string, unknown> } | undefined;
    addSchemas(schemas, components?.schemas ?? {});
  }
  for (const document of services) {
    for (const [path, item] of Object.entries(
      (document['paths'] ?? {}) as Record<string, PathItem>,
    )) {
      if (path.startsWith('/v1/')) paths[path] = { ...paths[path], ...publicPathItem(item) };
    }
  }
  return {
    ...gateway,
    info: { ...(gateway['info'] as object), title: 'Laoke API' },
    paths,
    tags: [...tags.values()],
    components: {
      ...(gateway['components'] as object),
      schemas,
      responses: GATEWAY_RESPONSES,
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    },
  };
}
