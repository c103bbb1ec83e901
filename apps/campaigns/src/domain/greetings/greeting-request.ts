import { createEvent, type NotificationPurpose } from '@laoke/contracts';
import { v7 as uuidv7 } from 'uuid';

/** R5: a care greeting (never promotion) for one member, at most once per dedupe key. */
export const greetingRequest = (g: {
  brandId: string;
  storeId: string;
  memberId: string;
  purpose: NotificationPurpose;
  template: string;
  variables: Record<string, string>;
  dedupeKey: string;
  expiresAt: Date;
  now: Date;
}) =>
  createEvent({
    type: 'notification.requested',
    occurredAt: g.now,
    brandId: g.brandId,
    storeId: g.storeId,
    memberId: g.memberId,
    data: {
      requestId: uuidv7(),
      memberId: g.memberId,
      template: g.template,
      category: 'care' as const,
      purpose: g.purpose,
      variables: g.variables,
      reason: `R5 ${g.purpose} greeting`,
      dedupeKey: g.dedupeKey,
      expiresAt: g.expiresAt.toISOString(),
    },
  });
