import { Type, type Static } from 'typebox';
import { Closed, Id, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

/**
 * R12: the organisation of a franchise brand (brand → region → franchisee → store → staff), on
 * `organisation.events`, keyed by brand so one brand's changes stay in order.
 */

export const Locale = Type.Enum(['zh-CN', 'zh-TW', 'en']);
export type Locale = Static<typeof Locale>;

export const BrandUpdatedData = Closed({
  brandId: Id,
  name: Text(100),
  timeZone: Text(64),
  defaultLocale: Locale,
  smsSignature: Text(32),
  sandbox: Type.Boolean(),
  updatedAt: Timestamp,
});
export type BrandUpdatedData = Static<typeof BrandUpdatedData>;
export const BrandUpdated = envelopeSchema('brand.updated', BrandUpdatedData);

export const StoreOwnership = Type.Enum(['head-office', 'franchised']);
export type StoreOwnership = Static<typeof StoreOwnership>;
export const StoreStatus = Type.Enum(['open', 'closed']);
export type StoreStatus = Static<typeof StoreStatus>;

/** A business address, not personal data: it travels in clear. */
export const StoreUpsertedData = Closed({
  storeId: Id,
  code: Id,
  name: Text(100),
  ownership: StoreOwnership,
  franchiseeId: Type.Union([Id, Type.Null()]),
  regionId: Type.Union([Id, Type.Null()]),
  address: Type.Union([Text(300), Type.Null()]),
  timeZone: Type.Union([Text(64), Type.Null()]),
  status: StoreStatus,
  updatedAt: Timestamp,
});
export type StoreUpsertedData = Static<typeof StoreUpsertedData>;
export const StoreUpserted = envelopeSchema('store.upserted', StoreUpsertedData);

export const StaffRole = Type.Enum([
  'brand-admin',
  'region-manager',
  'store-manager',
  'associate',
  'membership-officer',
]);
export type StaffRole = Static<typeof StaffRole>;
export const StaffStatus = Type.Enum(['active', 'left']);
export type StaffStatus = Static<typeof StaffStatus>;

/** The mobile travels encrypted, as a member's does. */
export const StaffUpsertedData = Closed({
  staffId: Id,
  name: Text(100),
  role: StaffRole,
  storeId: Type.Union([Id, Type.Null()]),
  regionId: Type.Union([Id, Type.Null()]),
  mobileEncrypted: Text(512),
  mobileMasked: Text(32),
  status: StaffStatus,
  updatedAt: Timestamp,
});
export type StaffUpsertedData = Static<typeof StaffUpsertedData>;
export const StaffUpserted = envelopeSchema('staff.upserted', StaffUpsertedData);

/** R2: an associate who leaves hands their members on; the reassignment consumes this once. */
export const StaffLeftData = Closed({
  staffId: Id,
  storeId: Type.Union([Id, Type.Null()]),
  /** The store's code, as members' homeStoreId and purchases' storeId name a store. */
  storeCode: Type.Union([Id, Type.Null()]),
  role: StaffRole,
  leftAt: Timestamp,
});
export type StaffLeftData = Static<typeof StaffLeftData>;
export const StaffLeft = envelopeSchema('staff.left', StaffLeftData);

/**
 * A sandbox brand's clock was set or advanced: from now on "now" for the brand is `frozenAt`
 * (a sandbox clock stands still between changes, like a payment provider's test clock).
 */
export const BrandClockChangedData = Closed({
  brandId: Id,
  frozenAt: Timestamp,
  previousAt: Timestamp,
  changedAt: Timestamp,
});
export type BrandClockChangedData = Static<typeof BrandClockChangedData>;
export const BrandClockChanged = envelopeSchema('brand.clock-changed', BrandClockChangedData);
