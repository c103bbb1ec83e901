/** An active colleague of the leaver, with the number of members they serve now. */
export interface Successor {
  staffId: string;
  role: 'associate' | 'store-manager';
  load: number;
}

const byLoadThenId = (a: Successor, b: Successor) =>
  a.load - b.load || (a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0);

/**
 * R2: who serves each member of a leaver next. In the leaver's store, the active associate
 * with the fewest members (ties by staff id); the store manager when no associate is left;
 * nobody (null, listed for head office) when the store has neither. Each assignment adds to the
 * chosen one's load, so a leaver's members spread over the team rather than all landing on one.
 */
export function planReassignment(
  memberIds: readonly string[],
  colleagues: readonly Successor[],
): Map<string, string | null> {
  const associates = colleagues.filter((c) => c.role === 'associate').map((c) => ({ ...c }));
  const pool =
    associates.length > 0
      ? associates
      : colleagues.filter((c) => c.role === 'store-manager').map((c) => ({ ...c }));
  const plan = new Map<string, string | null>();
  for (const memberId of memberIds) {
    const next = pool.sort(byLoadThenId)[0];
    if (next) next.load += 1;
    plan.set(memberId, next?.staffId ?? null);
  }
  return plan;
}
