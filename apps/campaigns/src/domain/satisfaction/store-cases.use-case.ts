import type { CaseStatus } from '@laoke/contracts';
import { DomainError, type Database, type PageRequest } from '@laoke/platform';
import { casesRepository as cases, type ComplaintCase } from '../../data/cases.repository';

export async function getCase(
  deps: { db: Database },
  scope: { brandId: string; caseId: string },
): Promise<ComplaintCase> {
  const found = await cases.find(deps.db, scope.brandId, scope.caseId);
  if (!found) {
    throw new DomainError('CASE_NOT_FOUND', 'no case has this id', {
      kind: 'not-found',
      field: 'caseId',
    });
  }
  return found;
}

/** One page of a store's complaint cases, newest first. */
export const storeCases = (
  deps: { db: Database },
  scope: { brandId: string; storeId: string; status?: CaseStatus },
  page: PageRequest,
) => cases.listForStore(deps.db, scope, page);
