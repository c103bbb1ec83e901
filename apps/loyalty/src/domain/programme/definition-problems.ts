import type { ProgrammeDefinition } from './programme-definition';

export interface DefinitionProblem {
  field: string;
  message: string;
}

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const duplicateIndex = (values: string[]) =>
  values.findIndex((value, index) => values.indexOf(value) !== index);

/**
 * The rules between fields that a schema cannot say: tiers climb, codes are unique, each
 * promotion's dates and tiers make sense, stores override only what head office allows.
 * Empty when the definition can be published.
 */
export function definitionProblems(definition: ProgrammeDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!isTimeZone(definition.timeZone)) add('timeZone', 'is not a known IANA time zone');

  const tierCodes = definition.tiers.map((t) => t.code);
  const repeatedTier = duplicateIndex(tierCodes);
  if (repeatedTier >= 0) add(`tiers[${repeatedTier}].code`, 'is used by another tier');
  definition.tiers.forEach((tier, i) => {
    const previous = definition.tiers[i - 1];
    if (previous && tier.threshold <= previous.threshold)
      add(`tiers[${i}].threshold`, 'must be higher than the threshold of the tier before it');
  });

  if (definition.points.expiry === 'months-after-earning' && !definition.points.expiryMonths)
    add('points.expiryMonths', 'is required when points expire months after earning');

  const promotionIds = definition.promotions.map((p) => p.id);
  const repeatedPromotion = duplicateIndex(promotionIds);
  if (repeatedPromotion >= 0) add(`promotions[${repeatedPromotion}].id`, 'is used twice');
  const regionIds = new Set(definition.regions.map((r) => r.regionId));
  definition.promotions.forEach((promotion, i) => {
    const at = `promotions[${i}]`;
    if (promotion.validFrom && promotion.validTo && promotion.validFrom > promotion.validTo)
      add(`${at}.validTo`, 'must not be before validFrom');
    const unknownTier = promotion.conditions.tiers?.find((code) => !tierCodes.includes(code));
    if (unknownTier)
      add(`${at}.conditions.tiers`, `names no tier of this programme: ${unknownTier}`);
    const unknownRegion = promotion.conditions.regions?.find((id) => !regionIds.has(id));
    if (unknownRegion)
      add(`${at}.conditions.regions`, `names no region of this programme: ${unknownRegion}`);
    if (promotion.conditions.memberDay && !definition.memberDay)
      add(`${at}.conditions.memberDay`, 'needs the programme to define a memberDay');
  });

  definition.storeOverrides.forEach((override, i) => {
    for (const setting of ['fenPerPoint', 'memberDay'] as const) {
      if (override[setting] !== undefined && !definition.allowStoreOverrides.includes(setting))
        add(`storeOverrides[${i}].${setting}`, 'is not in allowStoreOverrides');
    }
  });
  const repeatedStore = duplicateIndex(definition.storeOverrides.map((o) => o.storeId));
  if (repeatedStore >= 0) add(`storeOverrides[${repeatedStore}].storeId`, 'is overridden twice');
  return problems;
}

/** The programme as one store runs it: head office's definition with the store's allowed overrides. */
export function definitionForStore(
  definition: ProgrammeDefinition,
  storeId: string,
): ProgrammeDefinition {
  const override = definition.storeOverrides.find((o) => o.storeId === storeId);
  if (!override) return definition;
  const allowed = new Set(definition.allowStoreOverrides);
  const memberDay = allowed.has('memberDay') ? override.memberDay : undefined;
  return {
    ...definition,
    earn:
      allowed.has('fenPerPoint') && override.fenPerPoint
        ? { fenPerPoint: override.fenPerPoint }
        : definition.earn,
    ...(memberDay ? { memberDay } : {}),
  };
}
