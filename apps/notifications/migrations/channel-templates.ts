/**
 * Default texts of every campaign template key on the channels beyond SMS, in zh-CN and en.
 * WeChat: one `field: value` line per subscription-message field (thing ≤ 20 characters, cut by
 * the adapter); e-mail: the subject, a blank line, the body; staff task: what the caller is to
 * do and say. R5: care texts wish well and promote nothing.
 */
interface Texts {
  /** WeChat `thing1` (what it is) and `thing2` (the short message). */
  wechat: [string, string];
  email: [subject: string, body: string];
  staffTask: string;
}

interface KeyTexts {
  key: string;
  category: 'care' | 'marketing';
  variables: { name: string; description: string }[];
  'zh-CN': Texts;
  en: Texts;
}

const occasion = (example: string) => [{ name: 'occasion', description: `e.g. ${example}` }];

const KEYS: KeyTexts[] = [
  {
    key: 'purchase.thank_you',
    category: 'care',
    variables: [],
    'zh-CN': {
      wechat: ['购买致谢', '感谢您今天的光临与信任'],
      email: [
        '感谢您今天的光临',
        '{{memberName}}您好，\n\n感谢您今天的光临与信任！佩戴中有任何问题，随时联系我们。',
      ],
      staffTask: '致电{{memberName}}，感谢今天的购买，问问是否还有需要帮忙的地方。',
    },
    en: {
      wechat: ['Thank you', 'Thank you for your visit'],
      email: [
        'Thank you for your visit today',
        'Dear {{memberName}},\n\nThank you for your visit and your trust today. If anything about your purchase needs attention, we are here for you.',
      ],
      staffTask:
        'Call {{memberName}} to thank them for today’s purchase and ask if they need anything.',
    },
  },
  {
    key: 'purchase.day3_follow_up',
    category: 'care',
    variables: [],
    'zh-CN': {
      wechat: ['佩戴回访', '新入手的宝贝佩戴感受如何？'],
      email: [
        '新入手的宝贝还合心意吗？',
        '{{memberName}}您好，\n\n新入手的宝贝佩戴感受如何？如有不合适的地方，欢迎随时回店，我们为您细心调整。',
      ],
      staffTask: '第3天回访：致电{{memberName}}，问问佩戴感受，如有不合适请其回店调整。',
    },
    en: {
      wechat: ['How is it going?', 'How does your new piece feel?'],
      email: [
        'How does your new piece feel?',
        'Dear {{memberName}},\n\nHow does your new piece feel? If anything does not fit quite right, come back any time and we will adjust it for you.',
      ],
      staffTask:
        'Day-3 call: ask {{memberName}} how the purchase feels; offer an adjustment in store.',
    },
  },
  {
    key: 'care.tips',
    category: 'care',
    variables: [],
    'zh-CN': {
      wechat: ['保养小贴士', '首饰远离香水，分开存放更持久'],
      email: [
        '首饰保养小贴士',
        '{{memberName}}您好，\n\n小贴士：首饰远离香水和泳池，存放时分开包好，光泽更持久。有疑问随时问我们。',
      ],
      staffTask: '致电{{memberName}}，分享首饰保养小贴士（远离香水和泳池，分开存放）。',
    },
    en: {
      wechat: ['Care tip', 'Keep jewellery from perfume'],
      email: [
        'A care tip for your jewellery',
        'Dear {{memberName}},\n\nKeep your jewellery away from perfume and pools, and store pieces apart: they keep their shine longer. Ask us anything.',
      ],
      staffTask:
        'Call {{memberName}} with a care tip: away from perfume and pools, store pieces apart.',
    },
  },
  {
    key: 'care.cleaning_invitation',
    category: 'care',
    variables: [],
    'zh-CN': {
      wechat: ['免费清洗保养', '欢迎回店免费清洗保养'],
      email: [
        '欢迎回店免费清洗保养',
        '{{memberName}}您好，\n\n您的首饰已佩戴三个月，欢迎回店免费清洗保养，让它焕然如新。',
      ],
      staffTask: '致电{{memberName}}，邀请其回店免费清洗保养首饰。',
    },
    en: {
      wechat: ['Free cleaning', 'Come in for free cleaning'],
      email: [
        'Free cleaning for your jewellery',
        'Dear {{memberName}},\n\nYour piece has been with you for three months: come in for a free cleaning and check-up.',
      ],
      staffTask: 'Call {{memberName}} to invite them in for a free cleaning and check-up.',
    },
  },
  {
    key: 'win_back.we_miss_you',
    category: 'marketing',
    variables: [],
    'zh-CN': {
      wechat: ['好久不见', '{{memberName}}，我们很想念您'],
      email: [
        '好久不见，我们很想念您',
        '{{memberName}}您好，\n\n好久不见，我们很想念您！有空回店坐坐，看看您的老朋友。',
      ],
      staffTask: '挽回关怀：致电{{memberName}}，问候近况，欢迎其有空回店坐坐。',
    },
    en: {
      wechat: ['We miss you', 'It has been a while'],
      email: [
        'We miss you',
        'Dear {{memberName}},\n\nIt has been a while and we miss you. Drop by the store whenever you like.',
      ],
      staffTask: 'Win-back: call {{memberName}}, ask how they are and invite them to drop by.',
    },
  },
  {
    key: 'win_back.event_invitation',
    category: 'marketing',
    variables: [],
    'zh-CN': {
      wechat: ['会员活动邀请', '诚邀您参加会员专属活动'],
      email: [
        '诚邀您参加会员专属活动',
        '{{memberName}}您好，\n\n我们诚邀您参加门店的会员专属活动，期待与您再见。',
      ],
      staffTask: '挽回邀请：致电{{memberName}}，邀请其参加门店会员专属活动。',
    },
    en: {
      wechat: ['Member event', 'You are invited to our event'],
      email: [
        'You are invited to our members’ event',
        'Dear {{memberName}},\n\nWe would love to see you at our members-only event in store.',
      ],
      staffTask: 'Win-back: call {{memberName}} to invite them to the members-only event.',
    },
  },
  {
    key: 'survey.satisfaction',
    category: 'care',
    variables: [{ name: 'surveyId', description: 'the survey the answer belongs to' }],
    'zh-CN': {
      wechat: ['满意度回访', '请为本次服务打分'],
      email: [
        '请为本次购物体验打分',
        '{{memberName}}您好，\n\n您对本次购物体验满意吗？请为我们打分（问卷编号 {{surveyId}}），帮助我们做得更好。',
      ],
      staffTask: '满意度回访：致电{{memberName}}，请其为本次购物打1-5分（问卷 {{surveyId}}）。',
    },
    en: {
      wechat: ['Your opinion', 'How did we do?'],
      email: [
        'How did we do?',
        'Dear {{memberName}},\n\nHow was your visit? Please rate it (survey {{surveyId}}) and help us do better.',
      ],
      staffTask:
        'Satisfaction call: ask {{memberName}} to rate the purchase 1–5 (survey {{surveyId}}).',
    },
  },
  {
    key: 'survey.churn_reason',
    category: 'care',
    variables: [],
    'zh-CN': {
      wechat: ['您的意见', '想听听您的建议'],
      email: [
        '想听听您的建议',
        '{{memberName}}您好，\n\n好久没见到您了，想听听您的建议：我们哪里还可以做得更好？',
      ],
      staffTask:
        '流失回访：致电{{memberName}}，了解其不再回店的原因（服务、质量、价格、距离等）并记录。',
    },
    en: {
      wechat: ['Your opinion', 'We would value your advice'],
      email: [
        'We would value your advice',
        'Dear {{memberName}},\n\nWe have not seen you for a while. What could we do better?',
      ],
      staffTask:
        'Churn call: ask {{memberName}} why they stopped coming (service, quality, price, distance…).',
    },
  },
  {
    key: 'referral.thanks',
    category: 'care',
    variables: [],
    'zh-CN': {
      wechat: ['感谢推荐', '{{memberName}}，感谢您把我们介绍给朋友'],
      email: [
        '感谢您的推荐',
        '{{memberName}}您好，\n\n感谢您把我们介绍给朋友！您的信任是对我们最大的鼓励，期待再次为您服务。',
      ],
      staffTask: '致谢推荐人：致电{{memberName}}，感谢其介绍朋友来店（只致谢，不谈促销）。',
    },
    en: {
      wechat: ['Thank you', 'Thank you for recommending us, {{memberName}}'],
      email: [
        'Thank you for recommending us',
        'Dear {{memberName}},\n\nThank you for recommending us to a friend. Your trust means a lot to us.',
      ],
      staffTask:
        'Referral thanks: call {{memberName}} to thank them for bringing a friend (no offers).',
    },
  },
  {
    key: 'referral.welcome',
    category: 'care',
    variables: [],
    'zh-CN': {
      wechat: ['欢迎入会', '{{memberName}}，欢迎成为我们的会员'],
      email: [
        '欢迎成为我们的会员',
        '{{memberName}}您好，\n\n欢迎成为我们的会员！感谢朋友的推荐和您今天的光临，佩戴中有任何问题随时联系我们。',
      ],
      staffTask: '欢迎新会员：致电{{memberName}}，欢迎其入会并感谢光临（朋友推荐）。',
    },
    en: {
      wechat: ['Welcome', 'Welcome to our membership, {{memberName}}'],
      email: [
        'Welcome to our membership',
        "Dear {{memberName}},\n\nWelcome! Thank you for visiting us today on a friend's recommendation. We are here for anything you need.",
      ],
      staffTask: "Welcome call: welcome {{memberName}}, who came on a friend's recommendation.",
    },
  },
  {
    key: 'greeting.birthday',
    category: 'care',
    variables: [],
    'zh-CN': {
      wechat: ['生日祝福', '{{memberName}}，祝您生日快乐'],
      email: [
        '祝您生日快乐',
        '{{memberName}}您好，\n\n今天是您的生日，祝您生日快乐，岁岁安康，愿每一天都闪闪发光！',
      ],
      staffTask: '生日问候：致电{{memberName}}，祝其生日快乐（只送祝福，不谈促销）。',
    },
    en: {
      wechat: ['Happy birthday', 'Happy birthday, {{memberName}}'],
      email: [
        'Happy birthday',
        'Dear {{memberName}},\n\nHappy birthday! Wishing you health and joy today and all year.',
      ],
      staffTask:
        'Birthday call: wish {{memberName}} a happy birthday (good wishes only, no offers).',
    },
  },
  {
    key: 'greeting.holiday',
    category: 'care',
    variables: occasion('中秋节'),
    'zh-CN': {
      wechat: ['节日祝福', '{{occasion}}快乐，平安喜乐'],
      email: [
        '{{occasion}}快乐',
        '{{memberName}}您好，\n\n{{occasion}}到了，祝您和家人节日快乐、平安喜乐！',
      ],
      staffTask: '节日问候：致电{{memberName}}，祝其{{occasion}}快乐（只送祝福，不谈促销）。',
    },
    en: {
      wechat: ['Holiday wishes', 'Happy {{occasion}}'],
      email: [
        'Happy {{occasion}}',
        'Dear {{memberName}},\n\nWishing you and your family a happy and peaceful {{occasion}}.',
      ],
      staffTask:
        'Holiday call: wish {{memberName}} a happy {{occasion}} (good wishes only, no offers).',
    },
  },
  {
    key: 'greeting.season',
    category: 'care',
    variables: occasion('立冬'),
    'zh-CN': {
      wechat: ['节气关怀', '{{occasion}}，注意冷暖'],
      email: [
        '今日{{occasion}}，注意冷暖',
        '{{memberName}}您好，\n\n今日{{occasion}}，时节更替，早晚注意冷暖，照顾好自己。',
      ],
      staffTask: '节气关怀：致电{{memberName}}，提醒{{occasion}}时节注意冷暖（不谈新品）。',
    },
    en: {
      wechat: ['Seasonal care', '{{occasion}}: take care'],
      email: [
        '{{occasion}}: take care',
        'Dear {{memberName}},\n\nThe season turns with {{occasion}}: mind the cooler mornings and evenings and take good care.',
      ],
      staffTask:
        'Season call: remind {{memberName}} to take care as {{occasion}} begins (no new products).',
    },
  },
];

const bodies = (texts: Texts) => ({
  wechat: `thing1: ${texts.wechat[0]}\nthing2: ${texts.wechat[1]}`,
  email: `${texts.email[0]}\n\n${texts.email[1]}`,
  'staff-task': texts.staffTask,
});

export const CHANNEL_TEMPLATES = KEYS.flatMap((k) =>
  (['zh-CN', 'en'] as const).flatMap((locale) =>
    Object.entries(bodies(k[locale])).map(([channel, body]) => ({
      key: k.key,
      channel,
      locale,
      body,
      category: k.category,
      variables: k.variables,
    })),
  ),
);
