import type { EventHandler } from '@laoke/platform';
import { erasedMembersRepository as erasedMembers } from '../data/erased-members.repository';

/**
 * A purchase event recorded before an erasure may be read after member.erased (they travel on
 * different topics): for an erased member it is acknowledged and nothing is planned.
 */
export const unlessErased =
  (handle: EventHandler<'purchase.recorded'>): EventHandler<'purchase.recorded'> =>
  async (event, trx) => {
    if (await erasedMembers.isErased(trx, event.brandId, event.data.memberId)) return;
    return handle(event, trx);
  };
