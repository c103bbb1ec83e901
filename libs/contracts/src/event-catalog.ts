import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import {
  MemberAssociateReassigned,
  MemberCardReplaced,
  MemberCardReported,
  MemberConsentChanged,
  MemberErased,
  MemberReferred,
  MemberRegistered,
  MemberUpdated,
} from './events/member.events';
import {
  BenefitGranted,
  PointsAdjusted,
  PointsEarned,
  PointsExpired,
  PointsRedeemed,
  PurchaseRecorded,
  PurchaseReturned,
} from './events/loyalty.events';
import {
  CaseChanged,
  CaseOpened,
  MemberLapseChanged,
  SurveyAnswered,
  TaskCompleted,
  TaskCreated,
} from './events/campaign.events';
import {
  BrandClockChanged,
  BrandUpdated,
  StaffLeft,
  StaffUpserted,
  StoreUpserted,
} from './events/organisation.events';
import { ProgrammePublished, TierChanged } from './events/programme.events';
import {
  NotificationDelivered,
  NotificationFailed,
  NotificationRequested,
  NotificationSent,
  NotificationStaffTaskRequested,
  NotificationSuppressed,
} from './events/notification.events';
import { Topics, type Topic } from './topics';

/** Every event type, its schema and the topic it is published on. */
export const EventCatalog = {
  'member.registered': { schema: MemberRegistered, topic: Topics.membersEvents },
  'member.updated': { schema: MemberUpdated, topic: Topics.membersEvents },
  'member.consent-changed': { schema: MemberConsentChanged, topic: Topics.membersEvents },
  'member.erased': { schema: MemberErased, topic: Topics.membersEvents },
  'member.card-reported': { schema: MemberCardReported, topic: Topics.membersEvents },
  'member.card-replaced': { schema: MemberCardReplaced, topic: Topics.membersEvents },
  'member.referred': { schema: MemberReferred, topic: Topics.membersEvents },
  'purchase.recorded': { schema: PurchaseRecorded, topic: Topics.loyaltyEvents },
  'points.earned': { schema: PointsEarned, topic: Topics.loyaltyEvents },
  'purchase.returned': { schema: PurchaseReturned, topic: Topics.loyaltyEvents },
  'points.redeemed': { schema: PointsRedeemed, topic: Topics.loyaltyEvents },
  'points.expired': { schema: PointsExpired, topic: Topics.loyaltyEvents },
  'points.adjusted': { schema: PointsAdjusted, topic: Topics.loyaltyEvents },
  'tier.changed': { schema: TierChanged, topic: Topics.loyaltyEvents },
  'programme.published': { schema: ProgrammePublished, topic: Topics.loyaltyEvents },
  'notification.requested': { schema: NotificationRequested, topic: Topics.notificationRequests },
  'notification.sent': { schema: NotificationSent, topic: Topics.notificationEvents },
  'notification.suppressed': { schema: NotificationSuppressed, topic: Topics.notificationEvents },
  'task.created': { schema: TaskCreated, topic: Topics.campaignsEvents },
  'task.completed': { schema: TaskCompleted, topic: Topics.campaignsEvents },
  'survey.answered': { schema: SurveyAnswered, topic: Topics.campaignsEvents },
  'case.opened': { schema: CaseOpened, topic: Topics.campaignsEvents },
  'case.changed': { schema: CaseChanged, topic: Topics.campaignsEvents },
  'brand.updated': { schema: BrandUpdated, topic: Topics.organisationEvents },
  'brand.clock-changed': { schema: BrandClockChanged, topic: Topics.organisationEvents },
  'store.upserted': { schema: StoreUpserted, topic: Topics.organisationEvents },
  'staff.upserted': { schema: StaffUpserted, topic: Topics.organisationEvents },
  'staff.left': { schema: StaffLeft, topic: Topics.organisationEvents },
  'notification.failed': { schema: NotificationFailed, topic: Topics.notificationEvents },
  'notification.delivered': { schema: NotificationDelivered, topic: Topics.notificationEvents },
  'member.lapse-changed': { schema: MemberLapseChanged, topic: Topics.campaignsEvents },
  'member.associate-reassigned': {
    schema: MemberAssociateReassigned,
    topic: Topics.membersEvents,
  },
  'benefit.granted': { schema: BenefitGranted, topic: Topics.loyaltyEvents },
  'notification.staff-task-requested': {
    schema: NotificationStaffTaskRequested,
    topic: Topics.notificationEvents,
  },
} as const satisfies Record<string, { schema: TSchema; topic: Topic }>;

export type EventType = keyof typeof EventCatalog;
export type EventOf<T extends EventType> = Static<(typeof EventCatalog)[T]['schema']>;
export type AnyEvent = { [T in EventType]: EventOf<T> }[EventType];

const validators = Object.fromEntries(
  Object.entries(EventCatalog).map(([type, entry]) => [type, Compile(entry.schema)]),
) as Record<EventType, ReturnType<typeof Compile>>;

export const isKnownEventType = (type: string): type is EventType => type in EventCatalog;

export const topicOf = (type: EventType): Topic => EventCatalog[type].topic;

/** Returns the problems found in an event, empty when it matches its schema. */
export function eventProblems(event: { type: string }): string[] {
  if (!isKnownEventType(event.type)) return [`unknown event type "${event.type}"`];
  const validator = validators[event.type];
  return [...validator.Errors(event)].map((e) => `${e.instancePath || '/'} ${e.message}`);
}
