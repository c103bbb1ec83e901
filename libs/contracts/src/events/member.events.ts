import { Type, type Static } from 'typebox';
import { Closed, Id, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

/** Personal data travels encrypted (AES-256-GCM, see libs/platform pii) — never in clear on Kafka. */
export const MemberRegisteredData = Closed({
  memberId: Id,
  cardNumber: Id,
  name: Text(100),
  mobileEncrypted: Text(512),
  mobileMasked: Text(32),
  birthday: Type.Optional(Type.String({ format: 'date', maxLength: 10 })),
  homeStoreId: Id,
  registeredAt: Timestamp,
});
export type MemberRegisteredData = Static<typeof MemberRegisteredData>;

export const MemberRegistered = envelopeSchema('member.registered', MemberRegisteredData);
