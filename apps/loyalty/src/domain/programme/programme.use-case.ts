import { createEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
  type Queryable,
} from '@laoke/platform';
import { programmeRepository as programmes } from '../../data/programme.repository';
import { DEFAULT_PROGRAMME } from './default-programme';
import { definitionProblems } from './definition-problems';
import { pointsTermsFor, type PointsTerms } from './points-terms';
import type { Programme, ProgrammeDefinition } from './programme-definition';

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** The programme in force for a brand at a moment: its published version, or the default. */
export async function programmeInForce(
  db: Queryable,
  brandId: string,
  at: Date,
): Promise<Programme> {
  return (await programmes.inForceAt(db, brandId, at)) ?? DEFAULT_PROGRAMME;
}

/** R4: when points earned at `earnedAt` become spendable and expire, under the rules then. */
export async function pointsTermsAt(
  db: Queryable,
  brandId: string,
  earnedAt: Date,
): Promise<PointsTerms> {
  return pointsTermsFor(await programmeInForce(db, brandId, earnedAt), earnedAt);
}

export interface PublishProgrammeCommand {
  brandId: string;
  idempotencyKey: string;
  requestId: string;
  input: { effectiveFrom?: string; definition: ProgrammeDefinition };
}

export interface PublishedProgramme {
  version: number;
  effectiveFrom: string;
  publishedAt: string;
  definition: ProgrammeDefinition;
}

/**
 * Head office publishes a new programme version (R3, R4). A version never changes once
 * published and never applies to the past, so a purchase is always evaluated by the rules that
 * were in force when it happened; versions take effect in the order they are published.
 */
export async function publishProgramme(
  deps: { db: Database; clock: BrandClock },
  command: PublishProgrammeCommand,
): Promise<IdempotentOutcome<PublishedProgramme>> {
  const { brandId, input } = command;
  const problem = definitionProblems(input.definition)[0];
  if (problem) {
    throw new DomainError('INVALID_PROGRAMME', `${problem.field} ${problem.message}`, {
      kind: 'invalid',
      field: `definition.${problem.field}`,
    });
  }
  const now = deps.clock.nowFor(brandId);
  const effectiveFrom = input.effectiveFrom ? new Date(input.effectiveFrom) : now;
  if (effectiveFrom.getTime() < now.getTime() - MAX_CLOCK_SKEW_MS) {
    throw new DomainError('PROGRAMME_IN_THE_PAST', 'a programme version cannot apply to the past', {
      kind: 'rule',
      field: 'effectiveFrom',
    });
  }
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('publish-programme', input),
    },
    {
      work: async (trx) => {
        // One publication per brand at a time: version numbers and their order stay gapless.
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`programme:${brandId}`]);
        const latest = await programmes.latest(trx, brandId);
        if (latest && effectiveFrom < latest.effectiveFrom) {
          throw new DomainError(
            'PROGRAMME_OUT_OF_ORDER',
            `version ${latest.version} already takes effect at ${latest.effectiveFrom.toISOString()}; a new version cannot take effect before it`,
            { kind: 'conflict', field: 'effectiveFrom' },
          );
        }
        const version = (latest?.version ?? 0) + 1;
        await programmes.insert(trx, brandId, {
          version,
          effectiveFrom,
          publishedAt: now,
          definition: input.definition,
        });
        await appendToOutbox(trx, [
          createEvent({
            type: 'programme.published',
            brandId,
            correlationId: command.requestId,
            occurredAt: now,
            data: {
              version,
              effectiveFrom: effectiveFrom.toISOString(),
              publishedAt: now.toISOString(),
              fenPerPoint: input.definition.earn.fenPerPoint,
              tiers: input.definition.tiers.map((t) => t.code),
              promotions: input.definition.promotions.map((p) => p.id),
              timeZone: input.definition.timeZone,
            },
          }),
        ]);
        return {
          version,
          effectiveFrom: effectiveFrom.toISOString(),
          publishedAt: now.toISOString(),
          definition: input.definition,
        };
      },
    },
  );
}
