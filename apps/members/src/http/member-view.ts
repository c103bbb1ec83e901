import { BrandScopeHeaders, type PiiCipher } from '@laoke/platform';
import { Type } from 'typebox';
import type { Member } from '../domain/member';

/**
 * The caller's identity as the gateway states it (the gateway drops any x-laoke-* header a
 * client sends): the brand, and the roles as a comma-separated list.
 */
export const CallerHeaders = Type.Object({
  ...BrandScopeHeaders.properties,
  'x-laoke-roles': Type.Optional(
    Type.String({ maxLength: 500, description: 'Set by the gateway: the caller’s roles' }),
  ),
});

/** Roles that may read a member's personal data in clear; everyone else sees it masked. */
export const FULL_VIEW_ROLES = ['brand-admin', 'membership-officer'];

export const mayViewPersonalData = (rolesHeader: string | undefined): boolean =>
  (rolesHeader ?? '')
    .split(',')
    .map((role) => role.trim())
    .some((role) => FULL_VIEW_ROLES.includes(role));

/** The ETag of a member: its version, which changes with every write. */
export const etagOf = (member: Pick<Member, 'version'>) => `"${member.version}"`;

/** The version an If-Match header names, undefined when it names none of ours. */
export function versionFromIfMatch(ifMatch: string): number | undefined {
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(ifMatch.trim());
  return match ? Number(match[1]) : undefined;
}

/** A member as the API shows it: personal data in clear only for a full-view role. */
export function memberView(member: Member, pii: PiiCipher, fullView: boolean) {
  const reveal = (encrypted: string | null, masked: string | null) =>
    encrypted === null ? null : fullView ? pii.decrypt(encrypted) : masked;
  return {
    memberId: member.id,
    cardNumber: member.cardNumber,
    name: member.name,
    gender: member.gender,
    birthday: member.birthday,
    birthdayCalendar: member.birthdayCalendar,
    mobile: reveal(member.mobileEncrypted, member.mobileMasked) ?? member.mobileMasked,
    email: reveal(member.emailEncrypted, member.emailMasked),
    wechatOpenId: member.wechatOpenId,
    address: reveal(member.addressEncrypted, member.addressMasked),
    idNumber: reveal(member.idNumberEncrypted, member.idNumberMasked),
    productTypes: member.productTypes,
    colours: member.colours,
    style: member.style,
    habits: member.habits,
    tags: member.tags,
    importantDates: member.importantDates,
    homeStoreId: member.homeStoreId,
    servingAssociateId: member.servingAssociateId,
    referrerMemberId: member.referrerMemberId,
    referralCode: member.referralCode,
    registeredAt: member.registeredAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
  };
}
