/** Kafka topics, one per producing domain; created up front by the project's own setup. */
export const Topics = {
  membersEvents: 'members.events',
  loyaltyEvents: 'loyalty.events',
  campaignsEvents: 'campaigns.events',
  notificationRequests: 'notifications.requests',
  notificationEvents: 'notifications.events',
  organisationEvents: 'organisation.events',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

/** Each consuming service parks poison messages on its own dead-letter topic. */
export const deadLetterTopic = (service: string): string => `${service}.dead-letter`;

export const CONSUMING_SERVICES = ['loyalty', 'campaigns', 'notifications'] as const;

/** Every topic the platform uses, as named on a cluster whose topics carry `prefix`. */
export const allTopics = (prefix = ''): string[] =>
  [...Object.values(Topics), ...CONSUMING_SERVICES.map(deadLetterTopic)].map(
    (t) => `${prefix}${t}`,
  );
