import type { FastifyInstance } from 'fastify';
import { ProblemError } from './problem';

/** No request of ours nests deeper; parsing 5,000 levels would exhaust the stack instead. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text, counted without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth--;
  }
  return deepest;
}

/** JSON bodies are parsed as Fastify does (prototype poisoning refused), once their depth is checked. */
export function useDepthLimitedJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const body = raw as string;
    if (jsonDepth(body) > MAX_JSON_DEPTH) {
      done(
        new ProblemError(
          400,
          'BODY_TOO_DEEP',
          `body nests deeper than ${MAX_JSON_DEPTH} levels`,
          'body',
        ),
        undefined,
      );
      return;
    }
    void parse(request, body, done);
  });
}
