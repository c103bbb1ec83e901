import { Type, type Static } from 'typebox';
import { Closed, Id, Text, Timestamp } from '../bounded';
import { envelopeSchema } from '../envelope';

/** Who a staff task is for when no associate is named: the store's manager or the region's. */
export const TaskRole = Type.Enum(['associate', 'store-manager', 'region-manager']);
export type TaskRole = Static<typeof TaskRole>;

/** How a call or visit went; it steers the journey that asked for it (R6, R8). */
export const TaskOutcome = Type.Enum(['reached', 'no-answer', 'wrong-number', 'declined']);
export type TaskOutcome = Static<typeof TaskOutcome>;

export const TaskCreatedData = Closed({
  taskId: Id,
  memberId: Id,
  storeId: Id,
  kind: Text(64),
  role: TaskRole,
  assigneeId: Type.Union([Id, Type.Null()]),
  dueAt: Timestamp,
  /** What asked for the task; one task per source key. */
  sourceKey: Text(200),
});
export type TaskCreatedData = Static<typeof TaskCreatedData>;
export const TaskCreated = envelopeSchema('task.created', TaskCreatedData);

export const TaskCompletedData = Closed({
  taskId: Id,
  memberId: Id,
  storeId: Id,
  kind: Text(64),
  outcome: TaskOutcome,
  completedAt: Timestamp,
  sourceKey: Text(200),
});
export type TaskCompletedData = Static<typeof TaskCompletedData>;
export const TaskCompleted = envelopeSchema('task.completed', TaskCompletedData);

export const SurveyAnsweredData = Closed({
  surveyId: Id,
  memberId: Id,
  storeId: Id,
  purchaseId: Id,
  score: Type.Integer({ minimum: 1, maximum: 5 }),
  reasonCodes: Type.Array(Text(32), { maxItems: 10 }),
  answeredAt: Timestamp,
});
export type SurveyAnsweredData = Static<typeof SurveyAnsweredData>;
export const SurveyAnswered = envelopeSchema('survey.answered', SurveyAnsweredData);

export const CaseStatus = Type.Enum(['open', 'contacted', 'resolved']);
export type CaseStatus = Static<typeof CaseStatus>;

export const CaseOpenedData = Closed({
  caseId: Id,
  memberId: Id,
  storeId: Id,
  surveyId: Id,
  deadlineAt: Timestamp,
});
export type CaseOpenedData = Static<typeof CaseOpenedData>;
export const CaseOpened = envelopeSchema('case.opened', CaseOpenedData);

export const CaseChangedData = Closed({
  caseId: Id,
  memberId: Id,
  storeId: Id,
  status: CaseStatus,
  /** Set when the deadline passed without a resolution and the region manager was called in. */
  escalated: Type.Boolean(),
  changedAt: Timestamp,
});
export type CaseChangedData = Static<typeof CaseChangedData>;
export const CaseChanged = envelopeSchema('case.changed', CaseChangedData);

/** R9: active → at-risk → churned as days pass without a purchase; a purchase makes them active. */
export const LapseState = Type.Enum(['active', 'at-risk', 'churned']);
export type LapseState = Static<typeof LapseState>;

export const MemberLapseChangedData = Closed({
  memberId: Id,
  storeId: Id,
  from: LapseState,
  to: LapseState,
  lastPurchaseAt: Timestamp,
  changedAt: Timestamp,
});
export type MemberLapseChangedData = Static<typeof MemberLapseChangedData>;
export const MemberLapseChanged = envelopeSchema('member.lapse-changed', MemberLapseChangedData);
