import { describe, expect, it } from 'vitest';
import { EventCatalog, createEvent, eventProblems, type EventType } from '../src';

const aPurchaseRecorded = (line: Record<string, unknown> = {}) =>
  createEvent({
    type: 'purchase.recorded',
    brandId: 'brand-a',
    memberId: '01900000-0000-7000-8000-000000000001',
    data: {
      purchaseId: '01900000-0000-7000-8000-000000000002',
      memberId: '01900000-0000-7000-8000-000000000001',
      storeId: 'SH-001',
      receiptNumber: 'R0001',
      amountFen: 520000,
      lines: [{ sku: 'NECK-01', name: '足金项链', quantity: 1, unitPriceFen: 520000, ...line }],
      purchasedAt: '2030-06-01T08:00:00.000Z',
    },
  });

/** Every object schema inside `schema`, with the path that leads to it. */
function objectSchemas(schema: unknown, path = ''): { path: string; schema: object }[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const own = node['type'] === 'object' && node['properties'] ? [{ path, schema: node }] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, child]) => objectSchemas(child, `${path}/${key}`)),
  ];
}

describe('event schemas are closed and bounded', () => {
  it('a purchase line with a property the schema does not name is refused', () => {
    expect(eventProblems(aPurchaseRecorded({ engraving: 'x'.repeat(1_000_000) }))).toContain(
      '/data/lines/0 must not have additional properties',
    );
  });

  it('an envelope with an unknown property is refused', () => {
    expect(eventProblems({ ...aPurchaseRecorded(), debug: true } as { type: string })).toContain(
      '/ must not have additional properties',
    );
  });

  it('strings, arrays and numbers have limits', () => {
    const tooMany = { ...aPurchaseRecorded() };
    tooMany.data = { ...tooMany.data, lines: Array(201).fill(tooMany.data.lines[0]) };
    expect(eventProblems(tooMany).join()).toContain('/data/lines');
    expect(eventProblems(aPurchaseRecorded({ name: 'x'.repeat(201) })).join()).toContain(
      '/data/lines/0/name',
    );
    expect(eventProblems(aPurchaseRecorded({ quantity: 1e300 })).join()).toContain(
      '/data/lines/0/quantity',
    );
  });

  it('every object in every event schema refuses unknown properties', () => {
    for (const type of Object.keys(EventCatalog) as EventType[]) {
      for (const { path, schema } of objectSchemas(EventCatalog[type].schema)) {
        expect({
          type,
          path,
          closed: (schema as { additionalProperties?: unknown }).additionalProperties,
        }).toEqual({ type, path, closed: false });
      }
    }
  });
});
