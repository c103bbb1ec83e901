import { Type } from 'typebox';

export const RegisterMemberBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 50 }),
    mobile: Type.String({
      pattern: '^1[3-9][0-9]{9}$',
      description: 'Mainland China mobile number',
    }),
    birthday: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD' })),
    homeStoreId: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { $id: 'RegisterMemberRequest', additionalProperties: false },
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

export const MemberParams = Type.Object({ memberId: Type.String({ format: 'uuid' }) });
