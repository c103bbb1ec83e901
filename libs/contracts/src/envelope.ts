import { Type, type Static, type TSchema } from 'typebox';
import { v7 as uuidv7 } from 'uuid';

/** Common fields of every event, as set out in docs/architecture.md. */
export const EnvelopeHeader = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String({ minLength: 1 }),
  version: Type.Integer({ minimum: 1 }),
  occurredAt: Type.String({ format: 'date-time' }),
  brandId: Type.String({ minLength: 1 }),
  storeId: Type.Optional(Type.String()),
  memberId: Type.Optional(Type.String()),
  causationId: Type.Optional(Type.String()),
  correlationId: Type.Optional(Type.String()),
  data: Type.Unknown(),
});

export type EnvelopeHeader = Static<typeof EnvelopeHeader>;

export interface EventEnvelope<
  TType extends string = string,
  TData = unknown,
> extends EnvelopeHeader {
  type: TType;
  data: TData;
}

export const envelopeSchema = <TType extends string, TData extends TSchema>(
  type: TType,
  data: TData,
) =>
  Type.Object({
    ...EnvelopeHeader.properties,
    type: Type.Literal(type),
    data,
  });

export interface NewEvent<TType extends string, TData> {
  type: TType;
  version?: number;
  brandId: string;
  storeId?: string;
  memberId?: string;
  causationId?: string;
  correlationId?: string;
  data: TData;
  occurredAt?: Date;
}

export function createEvent<TType extends string, TData>(
  input: NewEvent<TType, TData>,
): EventEnvelope<TType, TData> {
  const id = uuidv7();
  return {
    id,
    type: input.type,
    version: input.version ?? 1,
    occurredAt: (input.occurredAt ?? new Date()).toISOString(),
    brandId: input.brandId,
    ...(input.storeId !== undefined && { storeId: input.storeId }),
    ...(input.memberId !== undefined && { memberId: input.memberId }),
    ...(input.causationId !== undefined && { causationId: input.causationId }),
    correlationId: input.correlationId ?? id,
    data: input.data,
  };
}

/** The event that caused a new one: its id becomes the causation, its correlation carries on. */
export const causedBy = (cause: EnvelopeHeader) => ({
  causationId: cause.id,
  correlationId: cause.correlationId ?? cause.id,
});
