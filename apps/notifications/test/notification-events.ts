import { randomInt, randomUUID } from 'node:crypto';
import { createEvent, type EventOf } from '@laoke/contracts';
import { maskMobile, type PiiCipher } from '@laoke/platform';

export const aMobile = () => `137${String(randomInt(0, 1e8)).padStart(8, '0')}`;

export const memberRegistered = (
  pii: PiiCipher,
  brandId: string,
  memberId: string,
  mobile: string,
) =>
  createEvent({
    type: 'member.registered',
    brandId,
    memberId,
    data: {
      memberId,
      cardNumber: 'VIP0000000001',
      name: '陈静',
      mobileEncrypted: pii.encrypt(mobile),
      mobileMasked: maskMobile(mobile),
      homeStoreId: 'SH-001',
      registeredAt: new Date().toISOString(),
    },
  });

/**
 * A request that may go at once, whatever the hour the test runs: transactional messages have no
 * quiet hours and no cap. Tests of quiet hours and caps pass their own category.
 */
export const notificationRequested = (
  brandId: string,
  memberId: string,
  template = 'purchase.thank_you',
) =>
  createEvent({
    type: 'notification.requested',
    brandId,
    memberId,
    data: {
      requestId: randomUUID(),
      memberId,
      template,
      channel: 'sms' as const,
      category: 'transactional' as const,
      variables: {},
      reason: 'test',
      purpose: 'thank-you' as const,
    },
  });

export const memberUpdated = (
  brandId: string,
  memberId: string,
  change: { wechatOpenId?: string; timeZone?: string; locale?: 'zh-CN' | 'zh-TW' | 'en' },
) =>
  createEvent({
    type: 'member.updated',
    brandId,
    memberId,
    data: { memberId, ...change, updatedAt: new Date().toISOString() },
  });

export const consentChanged = (
  brandId: string,
  memberId: string,
  consent: { channel: 'sms' | 'wechat' | 'email' | 'phone'; category: 'care' | 'marketing' },
  granted: boolean,
) =>
  createEvent({
    type: 'member.consent-changed',
    brandId,
    memberId,
    data: {
      memberId,
      ...consent,
      granted,
      source: 'inbound-sms',
      changedAt: new Date().toISOString(),
    },
  });

type RequestOverrides = Partial<
  Pick<
    EventOf<'notification.requested'>['data'],
    | 'channel'
    | 'category'
    | 'purpose'
    | 'priority'
    | 'dedupeKey'
    | 'expiresAt'
    | 'variables'
    | 'requestId'
  >
>;

/** A request as a journey sends it: a template, a purpose and a category, the channel optional. */
export const aRequest = (
  brandId: string,
  memberId: string,
  template: string,
  overrides: RequestOverrides,
) =>
  createEvent({
    type: 'notification.requested',
    brandId,
    memberId,
    data: {
      requestId: randomUUID(),
      memberId,
      template,
      category: 'care' as const,
      variables: {},
      reason: 'test',
      purpose: 'care-content' as const,
      ...overrides,
    },
  });
