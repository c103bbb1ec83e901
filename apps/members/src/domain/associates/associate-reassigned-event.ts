import { createEvent, type AnyEvent, type MemberAssociateReassignedData } from '@laoke/contracts';
import type { Member } from '../member';

/** R2: the member's serving associate changed; campaigns turn it into an introduction task. */
export const associateReassigned = (
  member: Member,
  previousAssociateId: string | null,
  reason: MemberAssociateReassignedData['reason'],
  correlationId: string,
): AnyEvent =>
  createEvent({
    type: 'member.associate-reassigned',
    brandId: member.brandId,
    storeId: member.homeStoreId,
    memberId: member.id,
    correlationId,
    occurredAt: member.updatedAt,
    data: {
      memberId: member.id,
      storeId: member.homeStoreId,
      previousAssociateId,
      associateId: member.servingAssociateId,
      reason,
      reassignedAt: member.updatedAt.toISOString(),
    },
  });
