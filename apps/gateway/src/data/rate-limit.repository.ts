import type { Queryable } from '@laoke/platform';

export interface WindowCount {
  /** Calls counted in the window, this one included. */
  calls: number;
  windowStart: Date;
}

/**
 * Counts one call of a credential in the database every gateway instance shares. A window
 * starts at a credential's first call after its last window ended (as a per-process limiter
 * would), so a burst is never split by a clock-aligned boundary; one row and one statement.
 */
export async function countCall(
  db: Queryable,
  credential: string,
  now: Date,
  windowMs: number,
): Promise<WindowCount> {
  const result = await db.raw<{ rows: { calls: number; window_start: Date }[] }>(
    `insert into rate_limit_windows as w (credential, window_start, calls) values (?, ?, 1)
     on conflict (credential) do update set
       calls = case when w.window_start > excluded.window_start - ? * interval '1 millisecond'
                    then w.calls + 1 else 1 end,
       window_start = case when w.window_start > excluded.window_start - ? * interval '1 millisecond'
                           then w.window_start else excluded.window_start end
     returning calls, window_start`,
    [credential, now, windowMs, windowMs],
  );
  const row = result.rows[0];
  return { calls: row?.calls ?? 1, windowStart: row?.window_start ?? now };
}
