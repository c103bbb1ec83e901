import type { PiiCipher } from '@laoke/platform';
import type { Member, ProfileInput } from './member';
import { maskAddress, maskEmail, maskIdNumber, protect } from './personal-data';

type ProfileFields = Pick<
  Member,
  | 'gender'
  | 'birthdayCalendar'
  | 'emailEncrypted'
  | 'emailMasked'
  | 'wechatOpenId'
  | 'addressEncrypted'
  | 'addressMasked'
  | 'idNumberEncrypted'
  | 'idNumberFingerprint'
  | 'idNumberMasked'
  | 'productTypes'
  | 'colours'
  | 'style'
  | 'habits'
  | 'tags'
  | 'importantDates'
  | 'servingAssociateId'
>;

export const EMPTY_PROFILE: ProfileFields = {
  gender: null,
  birthdayCalendar: 'solar',
  emailEncrypted: null,
  emailMasked: null,
  wechatOpenId: null,
  addressEncrypted: null,
  addressMasked: null,
  idNumberEncrypted: null,
  idNumberFingerprint: null,
  idNumberMasked: null,
  productTypes: [],
  colours: [],
  style: null,
  habits: [],
  tags: [],
  importantDates: [],
  servingAssociateId: null,
};

const distinct = (values: string[]) => [...new Set(values.map((v) => v.trim()))];

/**
 * The profile with the given changes applied: an absent field stays, null clears it, personal
 * data is encrypted (and fingerprinted where a look-up needs it) before it leaves this function.
 */
export function applyProfile(
  pii: PiiCipher,
  current: ProfileFields,
  input: ProfileInput,
): ProfileFields {
  const next = { ...current };
  if (input.gender !== undefined) next.gender = input.gender;
  if (input.birthdayCalendar !== undefined) next.birthdayCalendar = input.birthdayCalendar;
  if (input.wechatOpenId !== undefined) next.wechatOpenId = input.wechatOpenId;
  if (input.style !== undefined) next.style = input.style?.trim() ?? null;
  if (input.servingAssociateId !== undefined) next.servingAssociateId = input.servingAssociateId;
  if (input.productTypes !== undefined) next.productTypes = distinct(input.productTypes);
  if (input.colours !== undefined) next.colours = distinct(input.colours);
  if (input.habits !== undefined) next.habits = distinct(input.habits);
  if (input.tags !== undefined) next.tags = distinct(input.tags);
  if (input.importantDates !== undefined)
    next.importantDates = input.importantDates.map((d) => ({
      label: d.label.trim(),
      date: d.date,
    }));
  if (input.email !== undefined) {
    const email = input.email === null ? null : protect(pii, input.email, maskEmail);
    next.emailEncrypted = email?.encrypted ?? null;
    next.emailMasked = email?.masked ?? null;
  }
  if (input.address !== undefined) {
    const address = input.address === null ? null : protect(pii, input.address, maskAddress);
    next.addressEncrypted = address?.encrypted ?? null;
    next.addressMasked = address?.masked ?? null;
  }
  if (input.idNumber !== undefined) {
    const id = input.idNumber === null ? null : protect(pii, input.idNumber, maskIdNumber);
    next.idNumberEncrypted = id?.encrypted ?? null;
    next.idNumberMasked = id?.masked ?? null;
    next.idNumberFingerprint = id?.fingerprint ?? null;
  }
  return next;
}
