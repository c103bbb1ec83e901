import {
  Closed,
  Identifier,
  Integer,
  Mobile,
  PageQuery,
  Text,
  Timestamp,
  Uuid,
} from '@laoke/platform';
import { Type } from 'typebox';

/** R12 request and response shapes: brand settings and clock, regions, franchisees, stores, staff. */

const TimeZone = () =>
  Identifier({ maxLength: 64, description: 'IANA time zone, e.g. Asia/Shanghai' });
const Locale = () => Type.Enum(['zh-CN', 'zh-TW', 'en'], { description: 'Default zh-CN' });
const Nullable = <T extends ReturnType<typeof Uuid>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const PutBrandBody = Closed(
  {
    name: Text({ maxLength: 100 }),
    timeZone: Type.Optional(TimeZone()),
    defaultLocale: Type.Optional(Locale()),
    smsSignature: Text({ maxLength: 20, description: 'e.g. 【金缘珠宝】, added to every SMS' }),
    programmeSettings: Type.Optional(
      Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), {
        description: 'The membership programme as head office configures it, kept as given',
      }),
    ),
    sandbox: Type.Optional(
      Type.Boolean({
        description: 'A sandbox brand has a clock the API sets; decided when first set up',
      }),
    ),
  },
  { $id: 'PutBrandRequest' },
);

export const BrandResponse = Type.Object(
  {
    brandId: Type.String(),
    name: Type.String(),
    timeZone: Type.String(),
    defaultLocale: Type.String(),
    smsSignature: Type.String(),
    programmeSettings: Type.Record(Type.String(), Type.Unknown()),
    sandbox: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Brand' },
);

export const BrandClockResponse = Type.Object(
  {
    brandId: Type.String(),
    sandbox: Type.Boolean(),
    now: Type.String({ format: 'date-time', description: "The brand's now" }),
    frozen: Type.Boolean({ description: 'A set sandbox clock stands still until moved again' }),
  },
  { $id: 'BrandClock' },
);

export const SetBrandClockBody = Closed(
  { frozenAt: Timestamp({ description: 'Never earlier than the clock shows now' }) },
  { $id: 'SetBrandClockRequest' },
);

const TEN_YEARS_S = 10 * 366 * 24 * 3_600;

export const AdvanceBrandClockBody = Closed(
  {
    by: Type.Union(
      [
        Integer({ minimum: -TEN_YEARS_S, maximum: TEN_YEARS_S, description: 'Seconds' }),
        Type.String({
          maxLength: 40,
          description: 'ISO-8601 duration in weeks, days, hours, minutes, seconds (P3D, PT36H)',
        }),
      ],
      { description: 'Seconds, or an ISO-8601 duration; a clock never moves backwards' },
    ),
  },
  { $id: 'AdvanceBrandClockRequest' },
);

export const OrgUnitBody = (noun: 'Region' | 'Franchisee') =>
  Closed({ name: Text({ maxLength: 100 }) }, { $id: `Save${noun}Request` });

export const OrgUnitResponse = (noun: 'Region' | 'Franchisee') =>
  Type.Object(
    {
      [`${noun.toLowerCase()}Id`]: Type.String(),
      name: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
      updatedAt: Type.String({ format: 'date-time' }),
    },
    { $id: noun },
  );

export const StoreBody = Closed(
  {
    code: Identifier({ maxLength: 32, description: 'Unique in the brand, e.g. SH-001' }),
    name: Text({ maxLength: 100 }),
    ownership: Type.Enum(['head-office', 'franchised']),
    franchiseeId: Type.Optional(Nullable(Uuid({ description: 'Required when franchised' }))),
    regionId: Type.Optional(Nullable(Uuid())),
    address: Type.Optional(Type.Union([Text({ maxLength: 300 }), Type.Null()])),
    timeZone: Type.Optional(Type.Union([TimeZone(), Type.Null()])),
    status: Type.Optional(Type.Enum(['open', 'closed'], { description: 'Default open' })),
  },
  { $id: 'SaveStoreRequest' },
);

export const StoreResponse = Type.Object(
  {
    storeId: Type.String(),
    code: Type.String(),
    name: Type.String(),
    ownership: Type.String(),
    franchiseeId: Type.Union([Type.String(), Type.Null()]),
    regionId: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Type.String(), Type.Null()]),
    timeZone: Type.Union([Type.String(), Type.Null()]),
    status: Type.String({ description: 'open or closed' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Store' },
);

export const StoreListQuery = Closed({
  ...PageQuery.properties,
  regionId: Type.Optional(Uuid()),
  franchiseeId: Type.Optional(Uuid()),
  status: Type.Optional(Type.Enum(['open', 'closed'])),
});

const StaffRole = () =>
  Type.Enum(['brand-admin', 'region-manager', 'store-manager', 'associate', 'membership-officer']);

const staffProperties = {
  name: Text({ maxLength: 50 }),
  role: StaffRole(),
  storeId: Type.Optional(Nullable(Uuid({ description: 'Required for store roles' }))),
  regionId: Type.Optional(Nullable(Uuid({ description: 'Required for a region manager' }))),
};

export const HireStaffBody = Closed(
  { ...staffProperties, mobile: Mobile() },
  { $id: 'HireStaffRequest' },
);

export const UpdateStaffBody = Closed(
  { ...staffProperties, mobile: Type.Optional(Mobile({ description: 'Absent: unchanged' })) },
  { $id: 'UpdateStaffRequest' },
);

export const StaffResponse = Type.Object(
  {
    staffId: Type.String(),
    name: Type.String(),
    role: Type.String(),
    storeId: Type.Union([Type.String(), Type.Null()]),
    regionId: Type.Union([Type.String(), Type.Null()]),
    mobile: Type.String({ description: 'Masked' }),
    status: Type.String({ description: 'active or left' }),
    leftAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Staff' },
);

export const StaffListQuery = Closed({
  ...PageQuery.properties,
  storeId: Type.Optional(Uuid()),
  role: Type.Optional(StaffRole()),
  status: Type.Optional(Type.Enum(['active', 'left'])),
});
