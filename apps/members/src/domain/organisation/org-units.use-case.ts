import { DomainError, type BrandClock, type Database, type PageRequest } from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import { orgUnitsRepository, type OrgUnitTable } from '../../data/org-units.repository';
import type { OrgUnit } from './organisation';

/** A region or a franchisee: what differs between the two is only their names. */
export interface OrgUnitKind {
  table: OrgUnitTable;
  /** Singular noun, as in problems and paths (`region` → /v1/regions). */
  noun: 'region' | 'franchisee';
}

export interface OrgUnitDeps {
  db: Database;
  clock: BrandClock;
}

const codeOf = (kind: OrgUnitKind) => kind.noun.toUpperCase();

const notFound = (kind: OrgUnitKind) =>
  new DomainError(`${codeOf(kind)}_NOT_FOUND`, `no ${kind.noun} has this id`, {
    kind: 'not-found',
    field: `${kind.noun}Id`,
  });

/** R12: creates a region or franchisee, or renames one (`id` given); names are unique per brand. */
export async function saveOrgUnit(
  deps: OrgUnitDeps,
  kind: OrgUnitKind,
  brandId: string,
  input: { id?: string; name: string },
): Promise<{ unit: OrgUnit; created: boolean }> {
  const units = orgUnitsRepository(kind.table);
  const name = input.name.trim();
  const now = deps.clock.nowFor(brandId);
  return deps.db.transaction(async (trx) => {
    // Serialises the claims on one name, so two concurrent creations cannot both take it.
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
      `${kind.table}:${brandId}:${name}`,
    ]);
    const existing = input.id ? await units.find(trx, brandId, input.id) : undefined;
    if (input.id && !existing) throw notFound(kind);
    const holder = await units.findByName(trx, brandId, name);
    if (holder && holder.id !== input.id)
      throw new DomainError(
        `${codeOf(kind)}_NAME_TAKEN`,
        `another ${kind.noun} of this brand has this name`,
        { kind: 'conflict', field: 'name', existing: { type: kind.noun, id: holder.id } },
      );
    const unit: OrgUnit = {
      id: existing?.id ?? uuidv7(),
      brandId,
      name,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await units.save(trx, unit);
    return { unit, created: !existing };
  });
}

export async function getOrgUnit(
  deps: { db: Database },
  kind: OrgUnitKind,
  brandId: string,
  id: string,
): Promise<OrgUnit> {
  const unit = await orgUnitsRepository(kind.table).find(deps.db, brandId, id);
  if (!unit) throw notFound(kind);
  return unit;
}

export const listOrgUnits = (
  deps: { db: Database },
  kind: OrgUnitKind,
  brandId: string,
  page: PageRequest,
) => orgUnitsRepository(kind.table).list(deps.db, brandId, page);
