import { createHash } from 'node:crypto';

/** Named in every draw, so an auditor knows how to re-run it. */
export const DRAW_ALGORITHM =
  'winners = candidates sorted by hex sha256("<seed>:<memberId>") ascending, then memberId; the first N';

/**
 * The winners of a lucky draw (R4), decided by the recorded seed and candidate list alone:
 * anyone holding both gets the same winners, in the same order.
 */
export function chooseWinners(seed: string, memberIds: string[], winners: number): string[] {
  return memberIds
    .map((memberId) => ({
      memberId,
      ticket: createHash('sha256').update(`${seed}:${memberId}`).digest('hex'),
    }))
    .sort((a, b) =>
      a.ticket === b.ticket
        ? a.memberId.localeCompare(b.memberId)
        : a.ticket.localeCompare(b.ticket),
    )
    .slice(0, winners)
    .map((entry) => entry.memberId);
}
