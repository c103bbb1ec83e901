import { Type, type TProperties } from 'typebox';

/**
 * Building blocks of event schemas. Events are closed (no property the schema does not name)
 * and bounded (every string, array and number has limits), so an event can never carry
 * unexpected or unbounded data to every consumer.
 */
export const Closed = <P extends TProperties>(properties: P) =>
  Type.Object(properties, { additionalProperties: false });

/** An identifier: a UUID, a store code, a receipt number. */
export const Id = Type.String({ minLength: 1, maxLength: 64 });

export const Text = (maxLength: number) => Type.String({ maxLength });

export const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });

/** An amount of money in fen; 100 billion fen is a billion yuan. */
export const Fen = Type.Integer({ minimum: 0, maximum: 100_000_000_000 });

/** A points amount or balance. */
export const Points = Type.Integer({ minimum: -10_000_000_000, maximum: 10_000_000_000 });
