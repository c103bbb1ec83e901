import { describe, expect, it } from 'vitest';
import type { Contact } from '../src/data/contacts.repository';
import { routeDelivery } from '../src/domain/channel-routing';
import { defaultPolicy, routeFor, windowFor } from '../src/domain/notification-policy';
import { nextAllowedTime } from '../src/domain/sending-windows';

const SHANGHAI = 'Asia/Shanghai';
const policy = defaultPolicy({
  timeZone: SHANGHAI,
  smsSignature: '【老客】',
  smsOptOutText: '拒收请回复R',
  smsDailyLimit: 50,
});

const aContact = (overrides: Partial<Contact> = {}): Contact => ({
  memberId: 'm-1',
  brandId: 'b',
  name: '陈静',
  mobileEncrypted: 'enc',
  mobileMasked: '137****0000',
  emailEncrypted: null,
  wechatOpenId: null,
  locale: null,
  timeZone: null,
  consents: {},
  erasedAt: null,
  ...overrides,
});

describe('quiet hours (R5: never at night; deferred, never dropped)', () => {
  const marketingSms = windowFor(policy, 'sms', 'marketing');

  it('a marketing SMS due at 20:30 Shanghai time goes at 08:00 the next day', () => {
    expect(nextAllowedTime(new Date('2026-03-02T12:30:00Z'), marketingSms, SHANGHAI)).toEqual(
      new Date('2026-03-03T00:00:00Z'),
    );
  });

  it('one due at 06:00 goes at 08:00 the same day; one at 10:00 goes at once', () => {
    expect(nextAllowedTime(new Date('2026-03-02T22:00:00Z'), marketingSms, SHANGHAI)).toEqual(
      new Date('2026-03-03T00:00:00Z'),
    );
    const tenAm = new Date('2026-03-03T02:00:00Z');
    expect(nextAllowedTime(tenAm, marketingSms, SHANGHAI)).toEqual(tenAm);
  });

  it('care waits for 09:00 on any channel; transactional and staff tasks go any time', () => {
    expect(windowFor(policy, 'wechat', 'care')).toMatchObject({ from: '09:00', to: '21:00' });
    expect(windowFor(policy, 'sms', 'transactional')).toBeUndefined();
    expect(windowFor(policy, 'staff-task', 'care')).toBeUndefined();
  });

  it("is measured in the member's own time zone when it is known", () => {
    // 20:30 in Shanghai is 13:30 in London: inside the window there.
    const at = new Date('2026-03-02T12:30:00Z');
    expect(nextAllowedTime(at, marketingSms, 'Europe/London')).toEqual(at);
  });
});

describe('routing by purpose', () => {
  it('a win-back goes to WeChat when the member can be reached there, never SMS', () => {
    expect(
      routeDelivery(routeFor(policy, 'win-back'), 'sms', aContact({ wechatOpenId: 'o1' }), 'care'),
    ).toEqual({ channel: 'wechat', passedOver: ['sms: not-allowed-for-purpose'] });
  });

  it('a win-back without WeChat becomes a staff task', () => {
    expect(routeDelivery(routeFor(policy, 'win-back'), undefined, aContact(), 'care')).toEqual({
      channel: 'staff-task',
      passedOver: ['wechat: no-address'],
    });
  });

  it('a win-back for a member with WeChat but no subscription left becomes a staff task, saying why', () => {
    expect(
      routeDelivery(
        routeFor(policy, 'win-back'),
        undefined,
        aContact({ wechatOpenId: 'o1' }),
        'marketing',
        { wechat: 'no-wechat-quota' },
      ),
    ).toEqual({ channel: 'staff-task', passedOver: ['wechat: no-wechat-quota'] });
  });

  it('a member opted out of every allowed channel is suppressed with each reason', () => {
    const route = routeDelivery(
      routeFor(policy, 'broadcast'),
      'sms',
      aContact({ consents: { 'sms:marketing': false } }),
      'marketing',
    );
    expect(route).toEqual({
      suppressed: 'no-allowed-channel (sms: opted-out, wechat: no-address, email: no-address)',
    });
  });

  it('an erased member is never routed', () => {
    expect(
      routeDelivery(['sms'], 'sms', aContact({ erasedAt: new Date() }), 'transactional'),
    ).toEqual({ suppressed: 'member-erased' });
  });
});
