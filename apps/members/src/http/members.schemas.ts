import { Closed, DateOnly, Identifier, Mobile, Text, Uuid } from '@laoke/platform';
import { Type } from 'typebox';

export const RegisterMemberBody = Closed(
  {
    name: Text({ maxLength: 50 }),
    mobile: Mobile(),
    birthday: Type.Optional(DateOnly()),
    homeStoreId: Identifier(),
  },
  { $id: 'RegisterMemberRequest' },
);

/** The value searched for travels in the body, never in a URL that proxies and logs keep. */
export const SearchMemberBody = Closed(
  {
    mobile: Type.Optional(Mobile()),
    cardNumber: Type.Optional(Identifier({ maxLength: 32, description: 'e.g. VIP0100000001' })),
  },
  { $id: 'SearchMemberRequest', description: 'Exactly one of mobile and cardNumber' },
);

export const MemberResponse = Type.Object(
  {
    memberId: Type.String(),
    cardNumber: Type.String(),
    name: Type.String(),
    mobile: Type.String({ description: 'Masked unless the caller may see personal data' }),
    birthday: Type.Union([Type.String(), Type.Null()]),
    homeStoreId: Type.String(),
    registeredAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Member' },
);

export const MemberParams = Closed({ memberId: Uuid() });
