import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { describe, expect, it } from 'vitest';
import { registerInputFormats } from '../src/http/input-formats';
import {
  DateOnly,
  Identifier,
  Limit,
  Mobile,
  Money,
  Text,
  Timestamp,
  Uuid,
} from '../src/http/input.schemas';

registerInputFormats();
const accepts = (schema: TSchema, value: unknown) => Compile(schema).Check(value);

describe('shared input schemas', () => {
  it('Text refuses control characters, lone surrogates, blanks and over-long text', () => {
    expect(accepts(Text(), '李娜 Li')).toBe(true);
    for (const bad of ['a\u0000b', 'a\u0007', 'a\ud800b', '   ', '', 'x'.repeat(201)])
      expect(accepts(Text(), bad), JSON.stringify(bad)).toBe(false);
  });

  it('Identifier refuses blanks, spaces and control characters', () => {
    expect(accepts(Identifier(), 'SH-001')).toBe(true);
    for (const bad of [' ', 'SH 001', 'SH\u0000', '', 'x'.repeat(65)])
      expect(accepts(Identifier(), bad), JSON.stringify(bad)).toBe(false);
  });

  it('Uuid refuses the urn:uuid: form PostgreSQL does not read', () => {
    const id = '01900000-0000-7000-8000-000000000000';
    expect(accepts(Uuid(), id)).toBe(true);
    expect(accepts(Uuid(), `urn:uuid:${id}`)).toBe(false);
  });

  it('DateOnly is a real calendar date from 1900', () => {
    expect(accepts(DateOnly(), '1992-02-29')).toBe(true);
    for (const bad of ['0000-01-01', '1899-12-31', '1993-02-29', '1992-13-01', '19920101'])
      expect(accepts(DateOnly(), bad), bad).toBe(false);
  });

  it('Timestamp is RFC 3339 within a bounded range', () => {
    expect(accepts(Timestamp(), '2026-11-24T08:00:00+08:00')).toBe(true);
    expect(accepts(Timestamp(), '2026-11-24T08:00:00.123Z')).toBe(true);
    for (const bad of [
      '0000-01-01T00:00:00Z',
      '2026-11-24 08:00:00',
      '2026-11-24T25:00:00Z',
      '3000-01-01T00:00:00Z',
    ])
      expect(accepts(Timestamp(), bad), bad).toBe(false);
  });

  it('Money and Limit are bounded integers', () => {
    expect(accepts(Money(), 520_000)).toBe(true);
    for (const bad of [-1, 1.5, 1e300]) expect(accepts(Money(), bad), String(bad)).toBe(false);
    expect(accepts(Limit(), 100)).toBe(true);
    for (const bad of [0, 101, 1.5]) expect(accepts(Limit(), bad), String(bad)).toBe(false);
  });

  it('Mobile is a mainland China mobile number', () => {
    expect(accepts(Mobile(), '13912345678')).toBe(true);
    expect(accepts(Mobile(), '1391234567')).toBe(false);
  });
});
