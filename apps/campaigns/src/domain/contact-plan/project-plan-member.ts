import type {
  MemberAssociateReassignedData,
  MemberRegisteredData,
  MemberUpdatedData,
} from '@laoke/contracts';
import type { Transaction } from '@laoke/platform';
import { contactPlanRepository as plan } from '../../data/contact-plan.repository';

/** Issue 9 item 6: the members the contact plan covers, their store and serving associate. */
export const projectJoinedMember = (
  trx: Transaction,
  brandId: string,
  data: MemberRegisteredData,
) =>
  plan.save(trx, {
    brandId,
    memberId: data.memberId,
    storeId: data.homeStoreId,
    associateId: null,
    registeredAt: new Date(data.registeredAt),
  });

export const projectMemberChange = (trx: Transaction, brandId: string, data: MemberUpdatedData) =>
  plan.update(trx, brandId, data.memberId, {
    ...(data.homeStoreId !== undefined && { storeId: data.homeStoreId }),
    ...(data.servingAssociateId !== undefined && { associateId: data.servingAssociateId }),
  });

/** R2: the plan's calls go to whoever serves the member now. */
export const projectReassignment = (
  trx: Transaction,
  brandId: string,
  data: MemberAssociateReassignedData,
) =>
  plan.update(trx, brandId, data.memberId, {
    storeId: data.storeId,
    associateId: data.associateId,
  });

export const forgetPlanMember = (trx: Transaction, brandId: string, memberId: string) =>
  plan.remove(trx, brandId, memberId);
