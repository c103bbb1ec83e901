/** A member as the members service knows it (R1); personal data already protected. */
export interface Member {
  id: string;
  brandId: string;
  cardNumber: string;
  name: string;
  mobileEncrypted: string;
  mobileFingerprint: string;
  mobileMasked: string;
  birthday: string | null;
  homeStoreId: string;
  registeredAt: Date;
}

export interface RegistrationInput {
  name: string;
  mobile: string;
  birthday?: string;
  homeStoreId: string;
}

/** R3: every VIP card carries a number; ours are the brand-wide sequence, zero-padded. */
export const formatCardNumber = (sequence: number): string =>
  `VIP${String(sequence).padStart(10, '0')}`;

/** A retried registration (same mobile) matches when it describes the same person at the same store. */
export const isSameRegistration = (existing: Member, input: RegistrationInput): boolean =>
  existing.name === input.name.trim() &&
  existing.homeStoreId === input.homeStoreId &&
  (input.birthday === undefined || existing.birthday === input.birthday);

/** A birthday is a calendar date (checked by the schema) that has already come. */
export const isFutureBirthday = (birthday: string | undefined, today: Date): boolean =>
  birthday !== undefined && birthday > today.toISOString().slice(0, 10);
