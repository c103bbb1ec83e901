import { createEvent, type AnyEvent } from '@laoke/contracts';
import type { Brand, Staff, Store } from './organisation';

/** The organisation's events, as other services learn of brands, stores and staff (R12). */
export const brandUpdated = (brand: Brand, correlationId: string): AnyEvent =>
  createEvent({
    type: 'brand.updated',
    brandId: brand.id,
    correlationId,
    occurredAt: brand.updatedAt,
    data: {
      brandId: brand.id,
      name: brand.name,
      timeZone: brand.timeZone,
      defaultLocale: brand.defaultLocale,
      smsSignature: brand.smsSignature,
      sandbox: brand.sandbox,
      updatedAt: brand.updatedAt.toISOString(),
    },
  });

export const storeUpserted = (store: Store, correlationId: string): AnyEvent =>
  createEvent({
    type: 'store.upserted',
    brandId: store.brandId,
    storeId: store.id,
    correlationId,
    occurredAt: store.updatedAt,
    data: {
      storeId: store.id,
      code: store.code,
      name: store.name,
      ownership: store.ownership,
      franchiseeId: store.franchiseeId,
      regionId: store.regionId,
      address: store.address,
      timeZone: store.timeZone,
      status: store.status,
      updatedAt: store.updatedAt.toISOString(),
    },
  });

export const staffUpserted = (staff: Staff, correlationId: string): AnyEvent =>
  createEvent({
    type: 'staff.upserted',
    brandId: staff.brandId,
    ...(staff.storeId && { storeId: staff.storeId }),
    correlationId,
    occurredAt: staff.updatedAt,
    data: {
      staffId: staff.id,
      name: staff.name,
      role: staff.role,
      storeId: staff.storeId,
      regionId: staff.regionId,
      mobileEncrypted: staff.mobileEncrypted,
      mobileMasked: staff.mobileMasked,
      status: staff.status,
      updatedAt: staff.updatedAt.toISOString(),
    },
  });

export const staffLeft = (
  staff: Staff & { leftAt: Date },
  storeCode: string | null,
  correlationId: string,
): AnyEvent =>
  createEvent({
    type: 'staff.left',
    brandId: staff.brandId,
    ...(staff.storeId && { storeId: staff.storeId }),
    correlationId,
    occurredAt: staff.leftAt,
    data: {
      staffId: staff.id,
      storeId: staff.storeId,
      storeCode,
      role: staff.role,
      leftAt: staff.leftAt.toISOString(),
    },
  });
