import { Type, type Static } from 'typebox';
import { envelopeSchema } from '../envelope';

/** Personal data travels encrypted (AES-256-GCM, see libs/platform pii) — never in clear on Kafka. */
export const MemberRegisteredData = Type.Object({
  memberId: Type.String(),
  cardNumber: Type.String(),
  name: Type.String(),
  mobileEncrypted: Type.String(),
  mobileMasked: Type.String(),
  birthday: Type.Optional(Type.String({ format: 'date' })),
  homeStoreId: Type.String(),
  registeredAt: Type.String({ format: 'date-time' }),
});
export type MemberRegisteredData = Static<typeof MemberRegisteredData>;

export const MemberRegistered = envelopeSchema('member.registered', MemberRegisteredData);
