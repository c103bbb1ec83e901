export * from './topics';
export * from './bounded';
export * from './envelope';
export * from './event-catalog';
export * from './events/member.events';
export * from './events/loyalty.events';
export * from './events/notification.events';
export * from './events/campaign.events';
