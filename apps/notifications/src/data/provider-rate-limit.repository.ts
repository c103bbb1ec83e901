import type { Queryable } from '@laoke/platform';

export const providerRateLimitRepository = {
  /**
   * Counts one call in the provider's window starting at `windowStart`, if it has room: a new
   * window starts at 1; the same window counts on up to `limit`. One atomic upsert on the
   * provider's row, so replicas share the count. A replica whose clock lags behind the current
   * window gets no slot (it waits for its next second) rather than resetting the count.
   */
  async takeSlot(
    db: Queryable,
    provider: string,
    windowStart: Date,
    limit: number,
  ): Promise<boolean> {
    const result = await db.raw<{ rows: unknown[] }>(
      `insert into provider_send_windows as w (provider, window_start, used) values (?, ?, 1)
       on conflict (provider) do update set
         used = case when w.window_start = excluded.window_start then w.used + 1 else 1 end,
         window_start = excluded.window_start
       where w.window_start < excluded.window_start
          or (w.window_start = excluded.window_start and w.used < ?)
       returning used`,
      [provider, windowStart, limit],
    );
    return result.rows.length > 0;
  },

  /**
   * Puts a `sending` delivery back to `claimed`, due at `at`. Waiting for a provider's next
   * window is not an attempt: unless a provider was called, the attempt is given back, so a
   * long wait never exhausts DELIVERY_MAX_ATTEMPTS.
   */
  async defer(
    db: Queryable,
    id: string,
    at: Date,
    options: { providerCalled: boolean },
  ): Promise<boolean> {
    const updated = await db('deliveries')
      .where({ id, status: 'sending' })
      .update({
        status: 'claimed',
        next_attempt_at: at,
        ...(!options.providerCalled && { attempts: db.raw('greatest(attempts - 1, 0)') }),
      })
      .returning('id');
    return updated.length > 0;
  },
};
