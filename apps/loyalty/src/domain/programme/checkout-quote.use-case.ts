import { DomainError, type BrandClock, type Database } from '@laoke/platform';
import type { MembersClient } from '../../clients/members.client';
import { requireStore } from '../store-directory';
import { quoteCheckout, type CartLine, type Quote } from './checkout-quote';
import { readEarnContext } from './earn-context';
import { programmeMemberFacts } from './programme-member';
import { programmeInForce } from './programme.use-case';

export interface CheckoutQuoteDeps {
  db: Database;
  members: MembersClient;
  clock: BrandClock;
}

/**
 * R3/R4 at the counter: discounts and points a cart would get now. Reads only: nothing is
 * recorded, no promotion place or budget is taken, no member fact is cached.
 */
export async function checkoutQuote(
  deps: CheckoutQuoteDeps,
  query: {
    brandId: string;
    requestId: string;
    memberId: string;
    storeId: string;
    lines: CartLine[];
  },
): Promise<Quote> {
  await requireStore(deps, query.brandId, query.storeId, query.requestId);
  const facts = await programmeMemberFacts(deps, query, false);
  if (!facts)
    throw new DomainError('UNKNOWN_MEMBER', 'no member has this id', {
      kind: 'unknown-reference',
      field: 'memberId',
    });
  const now = deps.clock.nowFor(query.brandId);
  const programme = await programmeInForce(deps.db, query.brandId, now);
  const context = await readEarnContext(deps.db, programme, {
    ...query,
    at: now,
    birthday: facts.birthday,
  });
  return quoteCheckout(programme, query, context, now);
}
