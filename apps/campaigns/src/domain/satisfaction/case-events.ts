import { createEvent } from '@laoke/contracts';
import type { ComplaintCase } from '../../data/cases.repository';

/** `case.changed` for a case as it now stands. */
export const caseChanged = (c: ComplaintCase, at: Date) =>
  createEvent({
    type: 'case.changed',
    occurredAt: at,
    brandId: c.brandId,
    storeId: c.storeId,
    memberId: c.memberId,
    data: {
      caseId: c.id,
      memberId: c.memberId,
      storeId: c.storeId,
      status: c.status,
      escalated: c.escalatedAt !== null,
      changedAt: at.toISOString(),
    },
  });
