import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { EventCatalog, allTopics, asyncApiDocument } from '../src';

// DiagnosticSeverity.Error; the parser's enum comes from two copies of @stoplight/types.
const ERROR = 0;
const isError = (diagnostic: { severity: number }) => diagnostic.severity === ERROR;

// The parser takes a few seconds on a busy machine.
describe('the AsyncAPI document', { timeout: 30_000 }, () => {
  it('is valid AsyncAPI 3.0', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApiDocument()));
    const errors = diagnostics.filter(isError);
    expect(errors.map((e) => `${e.path.join('.')}: ${e.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  });

  it('has a channel for every topic and a message for every event type, with its schema', async () => {
    const { document } = await new Parser().parse(JSON.stringify(asyncApiDocument()));
    const addresses = document
      ?.channels()
      .all()
      .map((c) => c.address());
    expect(addresses?.sort()).toEqual(allTopics().sort());
    for (const [type, entry] of Object.entries(EventCatalog)) {
      const channel = document?.channels().get(entry.topic);
      const message = channel?.messages().get(type);
      expect(message?.name(), type).toBe(type);
      expect(message?.payload()?.json()).toMatchObject({
        properties: { type: { const: type }, data: { type: 'object' } },
      });
    }
  });
});
