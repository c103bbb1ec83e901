import type { Migration } from '@laoke/platform';

/**
 * R6: the care contents the default cadence rotates through every three weeks besides
 * `care.tips`, on every channel in zh-CN and en (SMS in zh-CN, like the other care texts). Care
 * texts teach and thank; they promote nothing.
 */
const TEXTS = [
  {
    key: 'care.quality_guide',
    sms: '{{memberName}}您好，小知识：足金看印记与证书，光泽均匀、边缘细致是好工艺的标志。有疑问随时问我们。',
    'zh-CN': {
      wechat: ['选购小知识', '看印记与证书，辨工艺好坏'],
      email: [
        '如何辨别首饰品质',
        '{{memberName}}您好，\n\n小知识：足金看印记与证书，光泽均匀、边缘细致是好工艺的标志。有疑问随时问我们。',
      ],
      staffTask: '致电{{memberName}}，分享辨别首饰品质的小知识（印记、证书、工艺），不谈新品。',
    },
    en: {
      wechat: ['Quality guide', 'Hallmark and certificate'],
      email: [
        'How to tell quality in jewellery',
        'Dear {{memberName}},\n\nA hallmark and a certificate, an even shine and clean edges are the signs of good work. Ask us anything.',
      ],
      staffTask:
        'Call {{memberName}} with a tip on telling quality (hallmark, certificate, finish); no offers.',
    },
  },
  {
    key: 'care.appreciation',
    sms: '{{memberName}}您好，感谢您一直以来的信任与陪伴，您的首饰需要任何照顾，我们随时都在。',
    'zh-CN': {
      wechat: ['感谢有您', '谢谢您一直以来的信任'],
      email: [
        '感谢有您',
        '{{memberName}}您好，\n\n感谢您一直以来的信任与陪伴，您的首饰需要任何照顾，我们随时都在。',
      ],
      staffTask: '致电{{memberName}}，感谢一直以来的信任，问问首饰是否需要照顾（不谈新品）。',
    },
    en: {
      wechat: ['Thank you', 'Thank you for your trust'],
      email: [
        'Thank you for being with us',
        'Dear {{memberName}},\n\nThank you for your trust. Whenever your jewellery needs care, we are here.',
      ],
      staffTask:
        'Call {{memberName}} to thank them for their trust and ask whether their pieces need care.',
    },
  },
];

export const CADENCE_CHANNEL_TEMPLATES = TEXTS.flatMap((t) =>
  (['zh-CN', 'en'] as const).flatMap((locale) => [
    {
      key: t.key,
      channel: 'wechat',
      locale,
      body: `thing1: ${t[locale].wechat[0]}\nthing2: ${t[locale].wechat[1]}`,
    },
    {
      key: t.key,
      channel: 'email',
      locale,
      body: `${t[locale].email[0]}\n\n${t[locale].email[1]}`,
    },
    { key: t.key, channel: 'staff-task', locale, body: t[locale].staffTask },
  ]),
);

const ROWS = [
  ...TEXTS.map((t) => ({ key: t.key, channel: 'sms', locale: 'zh-CN', body: t.sms })),
  ...CADENCE_CHANNEL_TEMPLATES,
];

export const cadenceTemplatesMigration: Migration = {
  name: '0015_cadence_templates',
  async up(db) {
    await db('templates')
      .insert(
        ROWS.map((t) => ({
          brand_id: '*',
          ...t,
          category: 'care',
          variables: JSON.stringify([]),
        })),
      )
      .onConflict(['brand_id', 'key', 'channel', 'locale'])
      .ignore();
  },
  async down(db) {
    await db('templates')
      .where({ brand_id: '*' })
      .whereIn(
        'key',
        TEXTS.map((t) => t.key),
      )
      .delete();
  },
};
