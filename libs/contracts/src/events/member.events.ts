import { Type, type Static } from 'typebox';
import { Closed, Id, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

export const BirthdayCalendar = Type.Enum(['solar', 'lunar']);
export type BirthdayCalendar = Static<typeof BirthdayCalendar>;

/** Personal data travels encrypted (AES-256-GCM, see libs/platform pii) — never in clear on Kafka. */
export const MemberRegisteredData = Closed({
  memberId: Id,
  cardNumber: Id,
  name: Text(100),
  mobileEncrypted: Text(512),
  mobileMasked: Text(32),
  birthday: Type.Optional(Type.String({ format: 'date', maxLength: 10 })),
  /** R5: whether the member celebrates the birthday on the solar or the lunar calendar. */
  birthdayCalendar: Type.Optional(BirthdayCalendar),
  homeStoreId: Id,
  registeredAt: Timestamp,
});
export type MemberRegisteredData = Static<typeof MemberRegisteredData>;

export const MemberRegistered = envelopeSchema('member.registered', MemberRegisteredData);

/** A member's contact and profile facts that other services project; absent means unchanged. */
export const MemberUpdatedData = Closed({
  memberId: Id,
  name: Type.Optional(Text(100)),
  mobileEncrypted: Type.Optional(Text(512)),
  mobileMasked: Type.Optional(Text(32)),
  emailEncrypted: Type.Optional(Text(1024)),
  wechatOpenId: Type.Optional(Text(128)),
  locale: Type.Optional(Type.Enum(['zh-CN', 'zh-TW', 'en'])),
  /** IANA time zone the member lives in (quiet hours); absent means the brand's. */
  timeZone: Type.Optional(Text(64)),
  birthday: Type.Optional(Type.String({ format: 'date', maxLength: 10 })),
  birthdayCalendar: Type.Optional(BirthdayCalendar),
  homeStoreId: Type.Optional(Id),
  servingAssociateId: Type.Optional(Type.Union([Id, Type.Null()])),
  /** The member's tags as a whole (segments select on them). */
  tags: Type.Optional(Type.Array(Text(30), { maxItems: 50 })),
  updatedAt: Timestamp,
});
export type MemberUpdatedData = Static<typeof MemberUpdatedData>;
export const MemberUpdated = envelopeSchema('member.updated', MemberUpdatedData);

/** Consent is per channel and per message category (R5): a member may take care but not marketing. */
export const ConsentChannel = Type.Enum(['sms', 'wechat', 'email', 'phone']);
export type ConsentChannel = Static<typeof ConsentChannel>;
export const ConsentCategory = Type.Enum(['transactional', 'care', 'marketing']);
export type ConsentCategory = Static<typeof ConsentCategory>;

export const MemberConsentChangedData = Closed({
  memberId: Id,
  channel: ConsentChannel,
  category: ConsentCategory,
  granted: Type.Boolean(),
  /** Where the decision came from: a store form, an inbound "R" reply, an API call. */
  source: Text(64),
  changedAt: Timestamp,
});
export type MemberConsentChangedData = Static<typeof MemberConsentChangedData>;
export const MemberConsentChanged = envelopeSchema(
  'member.consent-changed',
  MemberConsentChangedData,
);

/** The member was forgotten: every service drops or anonymises what it holds about them. */
export const MemberErasedData = Closed({ memberId: Id, erasedAt: Timestamp });
export type MemberErasedData = Static<typeof MemberErasedData>;
export const MemberErased = envelopeSchema('member.erased', MemberErasedData);

/** R3: a card was reported lost or damaged; it resolves to nobody from now on. */
export const MemberCardReportedData = Closed({
  memberId: Id,
  cardNumber: Id,
  reason: Type.Enum(['lost', 'damaged']),
  reportedAt: Timestamp,
});
export type MemberCardReportedData = Static<typeof MemberCardReportedData>;
export const MemberCardReported = envelopeSchema('member.card-reported', MemberCardReportedData);

/** R3: after identity verification the member holds a new card; the old number stays blocked. */
export const MemberCardReplacedData = Closed({
  memberId: Id,
  previousCardNumber: Id,
  cardNumber: Id,
  replacedAt: Timestamp,
});
export type MemberCardReplacedData = Static<typeof MemberCardReplacedData>;
export const MemberCardReplaced = envelopeSchema('member.card-replaced', MemberCardReplacedData);

/** R7: the member joined on another member's referral (same brand). */
export const MemberReferredData = Closed({
  memberId: Id,
  referrerMemberId: Id,
  /** How the store named the referrer: their member id, card number, mobile or referral code. */
  via: Type.Enum(['member-id', 'card-number', 'mobile', 'referral-code']),
  referredAt: Timestamp,
});
export type MemberReferredData = Static<typeof MemberReferredData>;
export const MemberReferred = envelopeSchema('member.referred', MemberReferredData);

/** R2: a member's serving associate changed; after a departure the campaigns turn it into an introduction task. */
export const MemberAssociateReassignedData = Closed({
  memberId: Id,
  storeId: Id,
  previousAssociateId: Type.Union([Id, Type.Null()]),
  associateId: Type.Union([Id, Type.Null()]),
  /** `staff-left`: reassigned by policy when the previous associate left; `changed`: by a person. */
  reason: Type.Enum(['staff-left', 'changed']),
  reassignedAt: Timestamp,
});
export type MemberAssociateReassignedData = Static<typeof MemberAssociateReassignedData>;
export const MemberAssociateReassigned = envelopeSchema(
  'member.associate-reassigned',
  MemberAssociateReassignedData,
);
