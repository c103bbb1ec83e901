/** Brand-neutral templates; a brand's own row with the same key and channel takes precedence. */
export const DEFAULT_TEMPLATES = [
  {
    key: 'purchase.thank_you',
    body: '{{memberName}}您好，感谢您今天的光临与信任！愿这份美好常伴您左右，佩戴中有任何问题，随时联系我们。',
  },
  {
    key: 'purchase.day3_follow_up',
    body: '{{memberName}}您好，新入手的宝贝佩戴感受如何？如有不合适的地方，欢迎随时回店，我们为您细心调整。',
  },
  {
    key: 'care.tips',
    body: '{{memberName}}您好，小贴士：首饰远离香水和泳池，存放时分开包好，光泽更持久。有疑问随时问我们。',
  },
  {
    key: 'care.cleaning_invitation',
    body: '{{memberName}}您好，您的首饰已佩戴三个月，欢迎回店免费清洗保养，让它焕然如新。',
  },
];
