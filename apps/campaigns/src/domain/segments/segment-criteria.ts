import { ConsentCategory, ConsentChannel, LapseState } from '@laoke/contracts';
import { Closed, DateOnly, DomainError, Identifier, Integer, Money, Text } from '@laoke/platform';
import { Type, type Static } from 'typebox';

const Range = (bound: ReturnType<typeof Integer>) =>
  Closed({ min: Type.Optional(bound), max: Type.Optional(bound) });
const Score = () => Integer({ minimum: 1, maximum: 5 });
const AnyOf = <T extends Parameters<typeof Type.Array>[0]>(item: T, maxItems: number) =>
  Type.Array(item, { minItems: 1, maxItems, uniqueItems: true });

/** Members without any purchase have no lapse state of their own: `never-purchased`. */
export const SegmentLapseState = Type.Union([LapseState, Type.Literal('never-purchased')]);

/** Every criterion given must hold (AND); a list matches any of its values (OR). */
export const SegmentCriteria = Closed(
  {
    tiers: Type.Optional(AnyOf(Identifier(), 20)),
    storeIds: Type.Optional(AnyOf(Identifier(), 500)),
    regionIds: Type.Optional(AnyOf(Identifier(), 100)),
    birthdayMonths: Type.Optional(AnyOf(Integer({ minimum: 1, maximum: 12 }), 12)),
    lastPurchase: Type.Optional(
      Closed({
        after: Type.Optional(DateOnly({ description: 'on or after this local day' })),
        before: Type.Optional(DateOnly({ description: 'before this local day' })),
      }),
    ),
    spendFen: Type.Optional(Range(Money())),
    purchaseCount: Type.Optional(Range(Integer({ minimum: 0, maximum: 1_000_000 }))),
    tags: Type.Optional(AnyOf(Text({ maxLength: 30 }), 50)),
    lapseStates: Type.Optional(AnyOf(SegmentLapseState, 4)),
    rfm: Type.Optional(
      Closed({
        recency: Type.Optional(Range(Score())),
        frequency: Type.Optional(Range(Score())),
        monetary: Type.Optional(Range(Score())),
      }),
    ),
    consent: Type.Optional(
      Closed(
        { channel: ConsentChannel, category: ConsentCategory },
        { description: 'members who have not revoked this channel and category' },
      ),
    ),
  },
  { $id: 'SegmentCriteria' },
);
export type SegmentCriteria = Static<typeof SegmentCriteria>;

const invalid = (field: string, message: string) =>
  new DomainError('INVALID_SEGMENT_CRITERIA', message, { kind: 'invalid', field });

const checkRange = (field: string, range: { min?: number; max?: number } | undefined) => {
  if (range?.min !== undefined && range.max !== undefined && range.min > range.max)
    throw invalid(`${field}.max`, 'max is below min');
};

/** What the schema cannot say: ranges that cannot match anything. */
export function checkCriteria(criteria: SegmentCriteria, field = 'criteria'): void {
  checkRange(`${field}.spendFen`, criteria.spendFen);
  checkRange(`${field}.purchaseCount`, criteria.purchaseCount);
  checkRange(`${field}.rfm.recency`, criteria.rfm?.recency);
  checkRange(`${field}.rfm.frequency`, criteria.rfm?.frequency);
  checkRange(`${field}.rfm.monetary`, criteria.rfm?.monetary);
  const { after, before } = criteria.lastPurchase ?? {};
  if (after && before && before <= after)
    throw invalid(`${field}.lastPurchase.before`, 'before is not after after');
}
