import { cardNumberFor } from './card-number';

export type Gender = 'female' | 'male' | 'undisclosed';
/** R1/R5: the member celebrates the solar birthday, or the lunar one (its day moves each year). */
export type BirthdayCalendar = 'solar' | 'lunar';

/** An anniversary beyond the birthday, for "special day" reminders (R1). */
export interface ImportantDate {
  label: string;
  date: string;
}

/** What the member likes (R1): free lists the stores fill in. */
export interface Preferences {
  productTypes: string[];
  colours: string[];
  style: string | null;
  habits: string[];
  tags: string[];
}

/** A member as the members service knows it (R1); personal data already protected. */
export interface Member extends Preferences {
  id: string;
  brandId: string;
  cardNumber: string;
  name: string;
  gender: Gender | null;
  birthday: string | null;
  birthdayCalendar: BirthdayCalendar;
  mobileEncrypted: string;
  mobileFingerprint: string;
  mobileMasked: string;
  emailEncrypted: string | null;
  emailMasked: string | null;
  wechatOpenId: string | null;
  addressEncrypted: string | null;
  addressMasked: string | null;
  idNumberEncrypted: string | null;
  idNumberFingerprint: string | null;
  idNumberMasked: string | null;
  importantDates: ImportantDate[];
  homeStoreId: string;
  servingAssociateId: string | null;
  referrerMemberId: string | null;
  /** R7: what a friend gives at joining to name this member; never changes, null once erased. */
  referralCode: string | null;
  /** Increases with every change; the ETag clients send back in If-Match. */
  version: number;
  registeredAt: Date;
  updatedAt: Date;
}

/** The profile fields a clerk may give at joining or change later; personal data in clear. */
export interface ProfileInput {
  gender?: Gender | null;
  birthdayCalendar?: BirthdayCalendar;
  email?: string | null;
  wechatOpenId?: string | null;
  address?: string | null;
  idNumber?: string | null;
  productTypes?: string[];
  colours?: string[];
  style?: string | null;
  habits?: string[];
  tags?: string[];
  importantDates?: ImportantDate[];
  servingAssociateId?: string | null;
}

/** Who brought the new member (R7): one of their id, card number, mobile or referral code. */
export interface ReferrerInput {
  memberId?: string;
  cardNumber?: string;
  mobile?: string;
  referralCode?: string;
}

export interface RegistrationInput extends ProfileInput {
  name: string;
  mobile: string;
  birthday?: string;
  homeStoreId: string;
  referrer?: ReferrerInput;
}

/** A partial change: an absent field stays; null clears an optional one. */
export interface MemberChanges extends ProfileInput {
  name?: string;
  mobile?: string;
  birthday?: string;
  homeStoreId?: string;
}

/** R3: every VIP card carries a number; ours are the brand-wide sequence with a check digit. */
export const formatCardNumber = (sequence: number): string => cardNumberFor(sequence);

/** A retried registration (same mobile) matches when it describes the same person at the same store. */
export const isSameRegistration = (existing: Member, input: RegistrationInput): boolean =>
  existing.name === input.name.trim() &&
  existing.homeStoreId === input.homeStoreId &&
  (input.birthday === undefined || existing.birthday === input.birthday);

/** A birthday is a calendar date (checked by the schema) that has already come. */
export const isFutureBirthday = (birthday: string | undefined, today: Date): boolean =>
  birthday !== undefined && birthday > today.toISOString().slice(0, 10);
