import { careTemplatesMigration } from './care-templates';

/** R5's greetings: good wishes only, no promotion (care templates are checked for that). */
export const greetingTemplatesMigration = careTemplatesMigration('0012_greeting_templates', [
  {
    key: 'greeting.birthday',
    body: '{{memberName}}您好，今天是您的生日，祝您生日快乐，岁岁安康，愿每一天都闪闪发光！',
    variables: [],
  },
  {
    key: 'greeting.holiday',
    body: '{{memberName}}您好，{{occasion}}到了，祝您和家人节日快乐、平安喜乐！',
    variables: [{ name: 'occasion', description: 'the holiday, e.g. 中秋节' }],
  },
  {
    key: 'greeting.season',
    body: '{{memberName}}您好，今日{{occasion}}，时节更替，早晚注意冷暖，照顾好自己。',
    variables: [{ name: 'occasion', description: 'the solar term, e.g. 立冬' }],
  },
]);
