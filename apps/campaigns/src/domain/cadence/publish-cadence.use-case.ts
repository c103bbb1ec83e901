import { isDeepStrictEqual } from 'node:util';
import { DomainError, type BrandClock, type Database, type PageRequest } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import {
  cadenceDefinitionsRepository as definitions,
  type PublishedCadence,
} from '../../data/cadence-definitions.repository';
import type { CadenceDefinition } from './cadence-definition';
import { BUILT_IN, currentCadence, type VersionedCadence } from './cadence-versions';
import { validateCadence } from './validate-cadence';

export interface CadenceDeps {
  db: Database;
  clock: BrandClock;
}

/**
 * R6: head office publishes a brand's cadence; each publication is a new version, and purchases
 * already under way keep the version they started on. Publishing the version in force again
 * changes nothing (`created: false`).
 */
export async function publishCadence(
  deps: CadenceDeps,
  brandId: string,
  definition: CadenceDefinition,
): Promise<{ cadence: VersionedCadence; created: boolean }> {
  validateCadence(definition);
  return deps.db.transaction(async (trx) => {
    const current = await currentCadence(trx, brandId);
    if (current.version > 0 && isDeepStrictEqual(current.definition, definition)) {
      return { cadence: current, created: false };
    }
    const published = await definitions.insertNext(
      trx,
      uuidv7(),
      brandId,
      definition,
      deps.clock.nowFor(brandId),
    );
    if (!published) {
      throw new DomainError('CADENCE_CHANGED', 'another version was published at the same time', {
        kind: 'conflict',
        field: 'body',
      });
    }
    return { cadence: published, created: true };
  });
}

/** One version of the brand's cadence; 0 is the built-in default. */
export async function cadenceVersion(
  deps: CadenceDeps,
  brandId: string,
  version: number,
): Promise<VersionedCadence> {
  if (version === 0) return BUILT_IN;
  const found = await definitions.find(deps.db, brandId, version);
  if (!found) {
    throw new DomainError('CADENCE_VERSION_NOT_FOUND', 'the brand has no such cadence version', {
      kind: 'not-found',
      field: 'version',
    });
  }
  return found;
}

export const cadenceInForce = (deps: CadenceDeps, brandId: string) =>
  currentCadence(deps.db, brandId);

export const publishedCadences = (
  deps: CadenceDeps,
  brandId: string,
  page: PageRequest,
): Promise<PublishedCadence[]> => definitions.list(deps.db, brandId, page);
