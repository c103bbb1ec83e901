import { careTemplatesMigration } from './care-templates';

/** R7: thanks to the referrer and a welcome to the friend they brought, care only. */
export const referralTemplatesMigration = careTemplatesMigration('0013_referral_templates', [
  {
    key: 'referral.thanks',
    body: '{{memberName}}您好，感谢您把我们介绍给朋友！您的信任是对我们最大的鼓励，期待再次为您服务。',
    variables: [],
  },
  {
    key: 'referral.welcome',
    body: '{{memberName}}您好，欢迎成为我们的会员！感谢朋友的推荐和您今天的光临，佩戴中有任何问题随时联系我们。',
    variables: [],
  },
]);
