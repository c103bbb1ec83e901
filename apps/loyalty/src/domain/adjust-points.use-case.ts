import { createEvent } from '@laoke/contracts';
import {
  appendToOutbox,
  fingerprintOf,
  runIdempotently,
  type BrandClock,
  type Database,
  type IdempotentOutcome,
} from '@laoke/platform';
import { v7 as uuidv7 } from 'uuid';
import type { MembersClient } from '../clients/members.client';
import { pointsRepository as accounts } from '../data/points.repository';
import { requireMember } from './member-directory';
import { credit, takeBack } from './points-book';
import type { PointsPolicyFor } from './points-policy';

export interface AdjustPointsDeps {
  db: Database;
  members: MembersClient;
  clock: BrandClock;
  pointsPolicy: PointsPolicyFor;
}

export interface AdjustPointsCommand {
  brandId: string;
  memberId: string;
  idempotencyKey: string;
  requestId: string;
  input: { points: number; reason: string; actor: string };
}

export interface RecordedAdjustment {
  adjustmentId: string;
  memberId: string;
  points: number;
  reason: string;
  actor: string;
  pointsBalance: number;
  createdAt: string;
}

/**
 * Head office corrects a member's points by hand, with who and why kept on the audit record
 * and the ledger. Added points become a lot like earned ones; taken points follow the return
 * rule (own lots first, soonest-expiring; what is already spent becomes debt).
 */
export async function adjustPoints(
  deps: AdjustPointsDeps,
  command: AdjustPointsCommand,
): Promise<IdempotentOutcome<RecordedAdjustment>> {
  const { brandId, memberId, input } = command;
  return runIdempotently(
    deps.db,
    {
      brandId,
      key: command.idempotencyKey,
      fingerprint: fingerprintOf('adjust-points', { memberId, ...input }),
    },
    {
      prepare: () => requireMember(deps, brandId, memberId, command.requestId),
      work: async (trx) => {
        const now = deps.clock.nowFor(brandId);
        const adjustmentId = uuidv7();
        await trx('points_adjustments').insert({
          id: adjustmentId,
          brand_id: brandId,
          member_id: memberId,
          points: input.points,
          reason: input.reason,
          actor: input.actor,
          created_at: now,
        });
        const account = await accounts.lock(trx, brandId, memberId, now);
        const change = {
          brandId,
          at: now,
          kind: 'adjust' as const,
          reason: `adjusted by ${input.actor}: ${input.reason}`,
          adjustmentId,
        };
        const after =
          input.points >= 0
            ? await credit(trx, account, input.points, {
                ...change,
                policy: deps.pointsPolicy(brandId),
              })
            : await takeBack(trx, account, -input.points, change);
        await appendToOutbox(trx, [
          createEvent({
            type: 'points.adjusted',
            brandId,
            memberId,
            correlationId: command.requestId,
            occurredAt: now,
            data: {
              memberId,
              adjustmentId,
              points: input.points,
              balance: after.balance,
              reason: input.reason,
              actor: input.actor,
            },
          }),
        ]);
        return {
          adjustmentId,
          memberId,
          points: input.points,
          reason: input.reason,
          actor: input.actor,
          pointsBalance: after.balance,
          createdAt: now.toISOString(),
        };
      },
    },
  );
}
