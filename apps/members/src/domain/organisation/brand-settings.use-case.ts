import type { Locale } from '@laoke/contracts';
import { DomainError, appendToOutbox, type BrandClock, type Database } from '@laoke/platform';
import { brandsRepository as brands } from '../../data/brands.repository';
import {
  DEFAULT_TIME_ZONE,
  assertProgrammeSettings,
  assertTimeZone,
  type Brand,
} from './organisation';
import { brandUpdated } from './organisation-events';

export interface BrandSettingsDeps {
  db: Database;
  clock: BrandClock;
}

export interface BrandSettingsInput {
  name: string;
  timeZone?: string;
  defaultLocale?: Locale;
  smsSignature: string;
  programmeSettings?: Record<string, unknown>;
  sandbox?: boolean;
}

export const brandNotFound = () =>
  new DomainError('BRAND_NOT_FOUND', 'this brand has not been set up (PUT /v1/brand)', {
    kind: 'not-found',
  });

/**
 * R12: head office sets its brand's settings, whole. Whether the brand is a sandbox is decided
 * when it is first set up and never changes: a real brand's data must never meet a test clock.
 */
export async function putBrand(
  deps: BrandSettingsDeps,
  brandId: string,
  input: BrandSettingsInput,
  correlationId: string,
): Promise<{ brand: Brand; created: boolean }> {
  assertTimeZone(input.timeZone);
  if (input.programmeSettings) assertProgrammeSettings(input.programmeSettings);
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`brand:${brandId}`]);
    const existing = await brands.lock(trx, brandId);
    if (existing && input.sandbox !== undefined && input.sandbox !== existing.sandbox) {
      throw new DomainError(
        'SANDBOX_IS_FIXED',
        'whether a brand is a sandbox is decided when it is set up',
        { kind: 'rule', field: 'sandbox' },
      );
    }
    const brand: Brand = {
      id: brandId,
      name: input.name.trim(),
      timeZone: input.timeZone ?? existing?.timeZone ?? DEFAULT_TIME_ZONE,
      defaultLocale: input.defaultLocale ?? existing?.defaultLocale ?? 'zh-CN',
      smsSignature: input.smsSignature.trim(),
      programmeSettings: input.programmeSettings ?? existing?.programmeSettings ?? {},
      sandbox: existing?.sandbox ?? input.sandbox ?? false,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await brands.save(trx, brand);
    await appendToOutbox(trx, [brandUpdated(brand, correlationId)]);
    return { brand, created: !existing };
  });
}

export async function getBrand(deps: { db: Database }, brandId: string): Promise<Brand> {
  const brand = await brands.find(deps.db, brandId);
  if (!brand) throw brandNotFound();
  return brand;
}
