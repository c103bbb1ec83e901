import {
  AnyMobile,
  Closed,
  CnIdNumber,
  DateOnly,
  Email,
  Identifier,
  Text,
  Uuid,
} from '@laoke/platform';
import { Type, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const Gender = Type.Enum(['female', 'male', 'undisclosed']);
const BirthdayCalendar = Type.Enum(['solar', 'lunar'], {
  description: 'Which birthday the member celebrates (R1); greetings follow it',
});
const Words = (maxLength: number, maxItems: number) =>
  Type.Array(Text({ maxLength }), { maxItems });

const ImportantDate = Closed(
  { label: Text({ maxLength: 50, description: 'e.g. 结婚纪念日' }), date: DateOnly() },
  { $id: 'ImportantDate' },
);

/** Profile fields a clerk may give at joining (R1); personal data among them is stored encrypted. */
const profileFields = {
  gender: Type.Optional(Gender),
  birthdayCalendar: Type.Optional(BirthdayCalendar),
  email: Type.Optional(Email()),
  wechatOpenId: Type.Optional(Identifier({ maxLength: 128 })),
  address: Type.Optional(Text({ maxLength: 200 })),
  idNumber: Type.Optional(CnIdNumber()),
  productTypes: Type.Optional(Words(50, 20)),
  colours: Type.Optional(Words(30, 20)),
  style: Type.Optional(Text({ maxLength: 100 })),
  habits: Type.Optional(Words(100, 20)),
  tags: Type.Optional(Words(30, 50)),
  importantDates: Type.Optional(Type.Array(ImportantDate, { maxItems: 20 })),
  servingAssociateId: Type.Optional(Identifier()),
};

export const ReferrerBody = Closed(
  {
    memberId: Type.Optional(Uuid()),
    cardNumber: Type.Optional(Identifier({ maxLength: 32 })),
    mobile: Type.Optional(AnyMobile()),
    referralCode: Type.Optional(
      Type.String({
        pattern: '^[0-9A-Za-z]{8}$',
        description:
          'The referrer’s 8-character code, e.g. 7K3M9QXA (any case; O reads as 0, I and L as 1)',
      }),
    ),
  },
  {
    $id: 'Referrer',
    description: 'Exactly one of memberId, cardNumber, mobile and referralCode (R7)',
  },
);

export const RegisterMemberBody = Closed(
  {
    name: Text({ maxLength: 50 }),
    mobile: AnyMobile(),
    birthday: Type.Optional(DateOnly()),
    homeStoreId: Identifier(),
    ...profileFields,
    referrer: Type.Optional(ReferrerBody),
  },
  { $id: 'RegisterMemberRequest' },
);

/** A partial change: absent fields stay as they are, null clears an optional one. */
export const UpdateMemberBody = Closed(
  {
    name: Type.Optional(Text({ maxLength: 50 })),
    mobile: Type.Optional(AnyMobile()),
    birthday: Type.Optional(DateOnly()),
    homeStoreId: Type.Optional(Identifier()),
    ...profileFields,
    gender: Type.Optional(Nullable(Gender)),
    email: Type.Optional(Nullable(Email())),
    wechatOpenId: Type.Optional(Nullable(Identifier({ maxLength: 128 }))),
    address: Type.Optional(Nullable(Text({ maxLength: 200 }))),
    idNumber: Type.Optional(Nullable(CnIdNumber())),
    style: Type.Optional(Nullable(Text({ maxLength: 100 }))),
    servingAssociateId: Type.Optional(Nullable(Identifier())),
  },
  { $id: 'UpdateMemberRequest' },
);

/** The value searched for travels in the body, never in a URL that proxies and logs keep. */
export const SearchMemberBody = Closed(
  {
    mobile: Type.Optional(AnyMobile()),
    cardNumber: Type.Optional(Identifier({ maxLength: 32, description: 'e.g. VIP1000000016' })),
  },
  { $id: 'SearchMemberRequest', description: 'Exactly one of mobile and cardNumber' },
);

const PersonalData = (what: string) =>
  Type.String({ description: `${what}; masked unless the caller's role allows full view` });

export const MemberResponse = Type.Object(
  {
    memberId: Type.String(),
    cardNumber: Type.String(),
    name: Type.String(),
    gender: Nullable(Type.String()),
    birthday: Nullable(Type.String()),
    birthdayCalendar: Type.String(),
    mobile: PersonalData('Mobile'),
    email: Nullable(PersonalData('E-mail')),
    wechatOpenId: Nullable(Type.String()),
    address: Nullable(PersonalData('Address')),
    idNumber: Nullable(PersonalData('National ID number')),
    productTypes: Type.Array(Type.String()),
    colours: Type.Array(Type.String()),
    style: Nullable(Type.String()),
    habits: Type.Array(Type.String()),
    tags: Type.Array(Type.String()),
    importantDates: Type.Array(Type.Object({ label: Type.String(), date: Type.String() })),
    homeStoreId: Type.String(),
    servingAssociateId: Nullable(Type.String()),
    referrerMemberId: Nullable(Type.String()),
    referralCode: Nullable(
      Type.String({ description: 'What a friend gives at joining to name this member (R7)' }),
    ),
    registeredAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Member' },
);

export const MemberParams = Closed({ memberId: Uuid() });
