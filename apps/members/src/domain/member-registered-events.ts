import { createEvent, type AnyEvent } from '@laoke/contracts';
import type { Member } from './member';

/**
 * What other services learn of a new member: `member.registered`, and the contact facts beyond
 * it (e-mail, WeChat, serving associate) as a `member.updated`. Personal data stays encrypted.
 */
export function memberRegisteredEvents(member: Member, correlationId: string): AnyEvent[] {
  const now = member.registeredAt;
  const envelope = {
    brandId: member.brandId,
    storeId: member.homeStoreId,
    memberId: member.id,
    correlationId,
  };
  const events: AnyEvent[] = [
    createEvent({
      ...envelope,
      type: 'member.registered',
      occurredAt: now,
      data: {
        memberId: member.id,
        cardNumber: member.cardNumber,
        name: member.name,
        mobileEncrypted: member.mobileEncrypted,
        mobileMasked: member.mobileMasked,
        ...(member.birthday && {
          birthday: member.birthday,
          birthdayCalendar: member.birthdayCalendar,
        }),
        homeStoreId: member.homeStoreId,
        registeredAt: now.toISOString(),
      },
    }),
  ];
  if (
    member.emailEncrypted ||
    member.wechatOpenId ||
    member.servingAssociateId ||
    member.tags.length > 0
  ) {
    events.push(
      createEvent({
        ...envelope,
        type: 'member.updated',
        occurredAt: now,
        data: {
          memberId: member.id,
          ...(member.emailEncrypted && { emailEncrypted: member.emailEncrypted }),
          ...(member.wechatOpenId && { wechatOpenId: member.wechatOpenId }),
          ...(member.servingAssociateId && { servingAssociateId: member.servingAssociateId }),
          ...(member.tags.length > 0 && { tags: member.tags }),
          updatedAt: now.toISOString(),
        },
      }),
    );
  }
  return events;
}
