import type { Queryable } from '@laoke/platform';
import { cadenceDefinitionsRepository as definitions } from '../../data/cadence-definitions.repository';
import { JEWELRY_CADENCE, type CadenceDefinition } from './cadence-definition';

export interface VersionedCadence {
  /** 0 is the built-in jewelry default, in force until the brand publishes version 1. */
  version: number;
  definition: CadenceDefinition;
  publishedAt: Date | null;
}

export const BUILT_IN: VersionedCadence = {
  version: 0,
  definition: JEWELRY_CADENCE,
  publishedAt: null,
};

/** The version a purchase starting now follows. */
export async function currentCadence(db: Queryable, brandId: string): Promise<VersionedCadence> {
  return (await definitions.latest(db, brandId)) ?? BUILT_IN;
}

/** Reads each brand's versions once per use: a dispatch tick asks for the same ones again and again. */
export function cadenceVersionReader(db: Queryable) {
  const read = new Map<string, Promise<CadenceDefinition | undefined>>();
  return (brandId: string, version: number): Promise<CadenceDefinition | undefined> => {
    if (version === 0) return Promise.resolve(JEWELRY_CADENCE);
    const key = `${brandId}\u0000${version}`;
    let found = read.get(key);
    if (!found) {
      found = definitions.find(db, brandId, version).then((v) => v?.definition);
      read.set(key, found);
    }
    return found;
  };
}
