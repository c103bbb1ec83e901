type Document = Record<string, unknown>;
type PathItem = Record<string, { parameters?: { in: string; name: string }[]; security?: unknown }>;

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

/** Public view of a service route: the brand comes from the API key, not from the caller. */
function publicPathItem(item: PathItem): PathItem {
  return Object.fromEntries(
    Object.entries(item).map(([method, operation]) => [
      method,
      {
        ...operation,
        parameters: (operation.parameters ?? []).filter((p) => p.name !== 'x-laoke-brand-id'),
        security: [{ apiKey: [] }],
      },
    ]),
  );
}

/** One document for the whole public API: the gateway's own plus the /v1 routes of each service. */
export function mergeOpenApi(gateway: Document, services: Document[]): Document {
  const paths: Record<string, PathItem> = { ...(gateway['paths'] as Record<string, PathItem>) };
  const tags = [...((gateway['tags'] as unknown[]) ?? [])];
  const schemas: Record<string, unknown> = {};
  for (const document of services) {
    for (const [path, item] of Object.entries(
      (document['paths'] ?? {}) as Record<string, PathItem>,
    )) {
      if (path.startsWith('/v1/')) paths[path] = { ...paths[path], ...publicPathItem(item) };
    }
    tags.push(...((document['tags'] as unknown[]) ?? []));
    Object.assign(schemas, (document['components'] as { schemas?: object } | undefined)?.schemas);
  }
  return {
    ...gateway,
    paths,
    tags,
    components: {
      ...(gateway['components'] as object),
      schemas,
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    },
  };
}
