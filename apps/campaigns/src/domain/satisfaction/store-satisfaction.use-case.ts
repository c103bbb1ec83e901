import type { Database } from '@laoke/platform';
import { surveysRepository as surveys } from '../../data/surveys.repository';
import type { SatisfactionPolicy } from './satisfaction-policy';

/** R8 roll-up: how a store's members scored their purchases over [from, to). */
export const storeSatisfaction = (
  deps: { db: Database; policy: SatisfactionPolicy },
  scope: { brandId: string; storeId: string; from: Date; to: Date },
) => surveys.storeSatisfaction(deps.db, { ...scope, lowScore: deps.policy.lowScore });
