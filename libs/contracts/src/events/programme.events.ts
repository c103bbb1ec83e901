import { Type, type Static } from 'typebox';
import { Closed, Fen, Id, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

/** R3: a member moved up (a purchase crossed a threshold) or down (the period review). */
export const TierChangedData = Closed({
  memberId: Id,
  fromTier: Type.Union([Id, Type.Null()]),
  toTier: Type.Union([Id, Type.Null()]),
  direction: Type.Union([Type.Literal('up'), Type.Literal('down')]),
  reason: Type.Union([Type.Literal('purchase'), Type.Literal('review')]),
  /** Spend in fen, or purchase count, that decided it, under the programme's metric. */
  progress: Type.Integer({ minimum: -100_000_000_000, maximum: 100_000_000_000 }),
  programmeVersion: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  /** The tier is held until this moment, then reviewed. */
  reviewAt: Type.Union([Timestamp, Type.Null()]),
  purchaseId: Type.Optional(Id),
  changedAt: Timestamp,
});
export type TierChangedData = Static<typeof TierChangedData>;
export const TierChanged = envelopeSchema('tier.changed', TierChangedData);

/** Head office published a programme version (R3, R4); it applies from `effectiveFrom`. */
export const ProgrammePublishedData = Closed({
  version: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  effectiveFrom: Timestamp,
  publishedAt: Timestamp,
  fenPerPoint: Fen,
  tiers: Type.Array(Id, { maxItems: 10 }),
  promotions: Type.Array(Id, { maxItems: 50 }),
  timeZone: Text(64),
});
export type ProgrammePublishedData = Static<typeof ProgrammePublishedData>;
export const ProgrammePublished = envelopeSchema('programme.published', ProgrammePublishedData);
