import type { EventOf } from '@laoke/contracts';
import { PermanentEventError, type BrandClock, type Transaction } from '@laoke/platform';
import { greetingMembersRepository as greetingMembers } from '../../data/greeting-members.repository';
import { memberActivityRepository as activity } from '../../data/member-activity.repository';
import { createStaffTask } from './create-staff-task';

type StaffTaskRequested = EventOf<'notification.staff-task-requested'>;

/** The store whose list gets the call: the request's, else where the member last bought or joined. */
async function storeFor(trx: Transaction, request: StaffTaskRequested): Promise<string> {
  const { brandId } = request;
  const { memberId } = request.data;
  const storeId =
    request.storeId ??
    (await activity.find(trx, brandId, memberId))?.storeId ??
    (await greetingMembers.find(trx, brandId, memberId))?.homeStoreId;
  if (!storeId) throw new PermanentEventError(`no store known for member ${memberId}`);
  return storeId;
}

/**
 * The notifications staff-task channel: a message no other channel could carry becomes a call
 * on the store's list for the member's associate, with the rendered message as its brief. One
 * task per delivery (source key `notification:<deliveryId>`), however often the request comes;
 * completing it emits `task.completed`, which settles the delivery in notifications.
 */
export async function createNotificationStaffTask(
  trx: Transaction,
  deps: { clock: BrandClock },
  request: StaffTaskRequested,
): Promise<void> {
  const now = deps.clock.nowFor(request.brandId);
  await createStaffTask(
    trx,
    {
      brandId: request.brandId,
      storeId: await storeFor(trx, request),
      memberId: request.data.memberId,
      kind: `notification-${request.data.purpose}`,
      role: 'associate',
      assigneeId: null,
      title: request.data.brief,
      dueAt: now,
      sourceKey: `notification:${request.data.deliveryId}`,
      ...(request.correlationId && { correlationId: request.correlationId }),
    },
    now,
  );
}
