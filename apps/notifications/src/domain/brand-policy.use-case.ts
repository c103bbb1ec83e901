import { DomainError, type BrandClock, type Database } from '@laoke/platform';
import { brandPoliciesRepository as brandPolicies } from '../data/brand-policies.repository';
import {
  effectivePolicy,
  type BrandPolicy,
  type BrandPolicyOverrides,
  type PolicyDefaults,
} from './notification-policy';
import { isTimeZone } from './sending-windows';

export interface BrandPolicyDeps {
  db: Database;
  clock: BrandClock;
  policyDefaults: PolicyDefaults;
}

const invalid = (field: string, message: string) =>
  new DomainError('INVALID_POLICY', `${field} ${message}`, { kind: 'invalid', field });

/** What a schema cannot say: a real time zone, patterns that compile. */
function check(overrides: BrandPolicyOverrides): void {
  if (overrides.timeZone !== undefined && !isTimeZone(overrides.timeZone))
    throw invalid('timeZone', 'is not an IANA time zone');
  overrides.promotional?.patterns.forEach((pattern, i) => {
    try {
      new RegExp(pattern, 'iu');
    } catch {
      throw invalid(`promotional.patterns[${i}]`, 'is not a valid regular expression');
    }
  });
}

export async function brandPolicy(deps: BrandPolicyDeps, brandId: string): Promise<BrandPolicy> {
  return effectivePolicy(deps.policyDefaults, await brandPolicies.find(deps.db, brandId));
}

/**
 * Replaces what the brand sets itself; every part it leaves out follows the defaults. Applies
 * to every request decided from now on.
 */
export async function saveBrandPolicy(
  deps: BrandPolicyDeps,
  brandId: string,
  overrides: BrandPolicyOverrides,
): Promise<BrandPolicy> {
  check(overrides);
  await brandPolicies.save(deps.db, brandId, overrides, deps.clock.nowFor(brandId));
  return effectivePolicy(deps.policyDefaults, overrides);
}
