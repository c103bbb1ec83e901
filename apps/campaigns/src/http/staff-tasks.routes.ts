import { TaskOutcome, TaskRole } from '@laoke/contracts';
import {
  BrandScopeHeaders,
  Closed,
  Identifier,
  PageQuery,
  Text,
  Uuid,
  pageOf,
  pageRequest,
  problemResponses,
  toPage,
  type HttpApp,
} from '@laoke/platform';
import { Type } from 'typebox';
import type { StaffTask } from '../data/staff-tasks.repository';
import {
  completeStaffTask,
  type CompleteStaffTaskDeps,
} from '../domain/tasks/complete-staff-task.use-case';
import { storeTasks, type StoreTasksDeps } from '../domain/tasks/store-tasks.use-case';

const NullableString = Type.Union([Type.String(), Type.Null()]);

const StaffTaskResponse = Type.Object(
  {
    taskId: Type.String(),
    storeId: Type.String(),
    memberId: Type.String(),
    kind: Type.String({ description: 'e.g. complaint-call, complaint-escalation' }),
    role: TaskRole,
    assigneeId: NullableString,
    title: Type.String(),
    dueAt: Type.String({ format: 'date-time' }),
    status: Type.String({ description: 'open, done or cancelled' }),
    outcome: Type.Union([TaskOutcome, Type.Null()]),
    notes: NullableString,
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'StaffTask' },
);

const present = (t: StaffTask) => ({
  taskId: t.id,
  storeId: t.storeId,
  memberId: t.memberId,
  kind: t.kind,
  role: t.role,
  assigneeId: t.assigneeId,
  title: t.title,
  dueAt: t.dueAt.toISOString(),
  status: t.status,
  outcome: t.outcome,
  notes: t.notes,
  completedAt: t.completedAt?.toISOString() ?? null,
});

const TaskListQuery = Closed({
  ...PageQuery.properties,
  view: Type.Optional(
    Type.Enum(['today', 'overdue', 'open'], {
      description:
        'today (default): due before the local midnight ahead; overdue: due before today',
    }),
  ),
  assigneeId: Type.Optional(Identifier({ description: "one associate's tasks" })),
});

const TaskCompletionBody = Closed(
  {
    outcome: TaskOutcome,
    notes: Type.Optional(Text({ maxLength: 1000 })),
    completedBy: Type.Optional(Identifier({ description: 'staff id of who made the call' })),
  },
  { $id: 'TaskCompletion' },
);

export function registerStaffTaskRoutes(
  app: HttpApp,
  deps: StoreTasksDeps & CompleteStaffTaskDeps,
): void {
  app.get(
    '/v1/stores/:storeId/tasks',
    {
      schema: {
        tags: ['staff-tasks'],
        operationId: 'listStoreTasks',
        summary: "A store's open calls and visits, in due order: today's, overdue or all",
        headers: BrandScopeHeaders,
        params: Closed({ storeId: Identifier() }),
        querystring: TaskListQuery,
        response: { 200: pageOf(StaffTaskResponse), ...problemResponses(400) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const rows = await storeTasks(
        deps,
        {
          brandId: request.headers['x-laoke-brand-id'],
          storeId: request.params.storeId,
          view: request.query.view ?? 'today',
          ...(request.query.assigneeId && { assigneeId: request.query.assigneeId }),
        },
        page,
      );
      return toPage(rows, page.limit, (t) => ({ key: t.dueAt.toISOString(), id: t.id }), present);
    },
  );

  app.post(
    '/v1/tasks/:taskId/completion',
    {
      schema: {
        tags: ['staff-tasks'],
        operationId: 'completeTask',
        summary: 'Record how a call or visit went; the journey that asked for it reads the outcome',
        headers: BrandScopeHeaders,
        params: Closed({ taskId: Uuid() }),
        body: TaskCompletionBody,
        response: { 200: StaffTaskResponse, ...problemResponses(400, 404, 409) },
      },
    },
    async (request) =>
      present(
        await completeStaffTask(
          deps,
          { brandId: request.headers['x-laoke-brand-id'], taskId: request.params.taskId },
          request.body,
        ),
      ),
  );
}
