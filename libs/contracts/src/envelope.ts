import { Type, type Static, type TSchema } from 'typebox';
import { v7 as uuidv7 } from 'uuid';
import { Closed, Id, Timestamp } from './bounded';

/** Common fields of every event, as set out in docs/architecture.md. */
export const EnvelopeHeader = Closed({
  id: Type.String({ format: 'uuid', maxLength: 36 }),
  type: Type.String({ minLength: 1, maxLength: 64 }),
  version: Type.Integer({ minimum: 1, maximum: 1_000 }),
  occurredAt: Timestamp,
  brandId: Id,
  storeId: Type.Optional(Id),
  memberId: Type.Optional(Id),
  causationId: Type.Optional(Id),
  correlationId: Type.Optional(Id),
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
  Closed({
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
