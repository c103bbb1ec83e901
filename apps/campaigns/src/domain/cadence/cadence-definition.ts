import { NotificationPurpose, TaskRole } from '@laoke/contracts';
import { Closed, Identifier, Integer, Text } from '@laoke/platform';
import { Type, type Static } from 'typebox';

/**
 * R6: a brand's follow-up cadence as data. Each step first falls due `at` an offset from the
 * purchase (its local date, at `sendAtLocalHour`), then, with `repeat`, every interval until its
 * count or end. A step sends a message (a rotating series of templates: occurrence n uses the
 * n-th, round again) or puts a task on the store's list, whose "not reached" outcome may send a
 * fallback message. Opt-out and erasure always end a member's cadences; `onNewPurchase` says
 * whether a newer purchase restarts them (R6.4) or lets them run side by side.
 */
export const CadenceUnit = Type.Enum(['days', 'weeks', 'months']);
export type CadenceUnit = Static<typeof CadenceUnit>;

const Offset = Closed({
  offset: Integer({ minimum: 0, maximum: 3650, description: 'how many units after the purchase' }),
  unit: CadenceUnit,
});

const Repeat = Closed({
  every: Integer({ minimum: 1, maximum: 3650 }),
  unit: CadenceUnit,
  count: Type.Optional(
    Integer({ minimum: 1, maximum: 100, description: 'occurrences in all, the first included' }),
  ),
  endAfter: Type.Optional(Offset),
});

const TemplateKey = Identifier({ maxLength: 64 });

const MessageAction = Closed({
  kind: Type.Literal('message'),
  purpose: NotificationPurpose,
  templates: Type.Array(TemplateKey, {
    minItems: 1,
    maxItems: 20,
    description: 'a rotating series: occurrence n sends the n-th, round again',
  }),
});

const TaskAction = Closed({
  kind: Type.Literal('task'),
  taskKind: Identifier({ maxLength: 64 }),
  role: TaskRole,
  title: Text({ maxLength: 200 }),
});

const FallbackMessage = Closed({ purpose: NotificationPurpose, template: TemplateKey });

export const CadenceStepSchema = Closed({
  step: Identifier({ maxLength: 48 }),
  at: Offset,
  repeat: Type.Optional(Repeat),
  sendAtLocalHour: Type.Optional(
    Integer({ minimum: 0, maximum: 23, description: 'absent: at the purchase time itself' }),
  ),
  action: Type.Union([MessageAction, TaskAction]),
  onNotReached: Type.Optional(FallbackMessage),
});

export const CadenceDefinitionSchema = Closed(
  {
    name: Text({ maxLength: 100 }),
    onNewPurchase: Type.Enum(['restart', 'continue']),
    coalesceWindowDays: Integer({
      minimum: 0,
      maximum: 90,
      description: 'one member gets one message of a purpose at most once in this many days',
    }),
    steps: Type.Array(CadenceStepSchema, { minItems: 1, maxItems: 20 }),
  },
  { $id: 'PublishCadenceRequest' },
);

export type CadenceStep = Static<typeof CadenceStepSchema>;
export type CadenceDefinition = Static<typeof CadenceDefinitionSchema>;
export type CadenceAction = CadenceStep['action'];

/** Care contents every 3 weeks, at most this many per purchase, unless a brand says otherwise. */
export const DEFAULT_CARE_CONTENTS = 6;

/** The jewelry default 0-3-3-3 (R6), shipped as version 0 until a brand publishes its own. */
export const JEWELRY_CADENCE: CadenceDefinition = {
  name: 'Jewelry 0-3-3-3',
  onNewPurchase: 'restart',
  coalesceWindowDays: 7,
  steps: [
    {
      step: 'day-0-thank-you',
      at: { offset: 0, unit: 'days' },
      action: { kind: 'message', purpose: 'thank-you', templates: ['purchase.thank_you'] },
    },
    {
      step: 'day-3-follow-up',
      at: { offset: 3, unit: 'days' },
      sendAtLocalHour: 10,
      action: {
        kind: 'task',
        taskKind: 'cadence-follow-up-call',
        role: 'associate',
        title: 'Day-3 call: how does it feel to wear? Reassure the purchase (it may be a gift)',
      },
      onNotReached: { purpose: 'follow-up', template: 'purchase.day3_follow_up' },
    },
    {
      step: 'week-3-care-tips',
      at: { offset: 3, unit: 'weeks' },
      repeat: { every: 3, unit: 'weeks', count: DEFAULT_CARE_CONTENTS },
      sendAtLocalHour: 10,
      action: {
        kind: 'message',
        purpose: 'care-content',
        templates: ['care.tips', 'care.quality_guide', 'care.appreciation'],
      },
    },
    {
      // 90 days, not 3 calendar months, so the invitation keeps the weekday rhythm of the stores.
      step: 'month-3-cleaning-invitation',
      at: { offset: 90, unit: 'days' },
      repeat: { every: 90, unit: 'days', count: 4 },
      sendAtLocalHour: 10,
      action: {
        kind: 'message',
        purpose: 'maintenance-invitation',
        templates: ['care.cleaning_invitation'],
      },
    },
  ],
};

/** Every template key a definition may send, fallbacks included. */
export const templatesOf = (definition: CadenceDefinition): string[] =>
  definition.steps.flatMap((s) => [
    ...(s.action.kind === 'message' ? s.action.templates : []),
    ...(s.onNotReached ? [s.onNotReached.template] : []),
  ]);

/** A fallback message is stored as a step of its own, named after the call it stands in for. */
export const FALLBACK_SUFFIX = '.not-reached';
