import { describe, expect, it } from 'vitest';
import { CAMPAIGN_TEMPLATE_KEYS } from '../../apps/campaigns/src/notification-template-keys';
import { CADENCE_CHANNEL_TEMPLATES } from '../../apps/notifications/migrations/cadence-templates.migration';
import { CHANNEL_TEMPLATES } from '../../apps/notifications/migrations/channel-templates';

// Pure: no broker or database, but it spans two services, so it lives with the root tests.
describe('campaign templates in notifications', () => {
  it.each(
    CAMPAIGN_TEMPLATE_KEYS.flatMap((key) =>
      ['wechat', 'email', 'staff-task'].flatMap((channel) =>
        ['zh-CN', 'en'].map((locale) => [key, channel, locale]),
      ),
    ),
  )('%s has a default %s template in %s', (key, channel, locale) => {
    expect(
      [...CHANNEL_TEMPLATES, ...CADENCE_CHANNEL_TEMPLATES].filter(
        (t) => t.key === key && t.channel === channel && t.locale === locale,
      ),
    ).toHaveLength(1);
  });

  it('the greetings are among the keys checked', () => {
    expect(CAMPAIGN_TEMPLATE_KEYS).toEqual(
      expect.arrayContaining(['greeting.birthday', 'greeting.holiday', 'greeting.season']),
    );
  });
});
