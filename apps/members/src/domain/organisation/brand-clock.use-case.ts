import { createEvent } from '@laoke/contracts';
import {
  DomainError,
  appendToOutbox,
  brandClocksRepository as brandClocks,
  fingerprintOf,
  runIdempotently,
  type BrandAwareClock,
  type Database,
  type IdempotentOutcome,
  type Transaction,
} from '@laoke/platform';
import { brandsRepository as brands } from '../../data/brands.repository';
import { brandNotFound } from './brand-settings.use-case';
import { durationMs } from './iso-duration';

const MAX_ADVANCE_MS = 10 * 366 * 24 * 3_600_000;

export interface BrandClockDeps {
  db: Database;
  brandClock: BrandAwareClock;
}

export interface BrandClockView {
  brandId: string;
  sandbox: boolean;
  now: Date;
  /** A sandbox clock stands still once set; before that (and for a real brand) it is real time. */
  frozen: boolean;
}

export async function getBrandClock(
  deps: BrandClockDeps,
  brandId: string,
): Promise<BrandClockView> {
  const brand = await brands.find(deps.db, brandId);
  if (!brand) throw brandNotFound();
  const setting = brand.sandbox ? await brandClocks.find(deps.db, brandId) : undefined;
  return {
    brandId,
    sandbox: brand.sandbox,
    now: setting?.frozenAt ?? deps.brandClock.nowFor(brandId),
    frozen: setting !== undefined,
  };
}

/**
 * A sandbox brand's clock is set or advanced through the API (like a payment provider's test
 * clock), so an integrator can watch a member's year in minutes. It never moves backwards:
 * what already happened in the brand's time stays in its past. Every service learns the new
 * time from `brand.clock-changed`; members records it in its own projection in the same
 * transaction.
 */
async function moveClock(
  deps: BrandClockDeps,
  brandId: string,
  change: { to: (current: Date) => Date; field: string },
  correlationId: string,
): Promise<BrandClockView> {
  const view = await deps.db.transaction((trx) =>
    moveClockIn(trx, deps, brandId, change, correlationId),
  );
  deps.brandClock.remember({ brandId, frozenAt: view.now });
  return view;
}

async function moveClockIn(
  trx: Transaction,
  deps: BrandClockDeps,
  brandId: string,
  change: { to: (current: Date) => Date; field: string },
  correlationId: string,
): Promise<BrandClockView> {
  const brand = await brands.lock(trx, brandId);
  if (!brand) throw brandNotFound();
  if (!brand.sandbox)
    throw new DomainError('BRAND_NOT_SANDBOX', "only a sandbox brand's clock can be moved", {
      kind: 'rule',
    });
  const recorded = await brandClocks.find(trx, brandId);
  const current = recorded?.frozenAt ?? deps.brandClock.nowFor(brandId);
  const next = change.to(current);
  if (next < current)
    throw new DomainError(
      'CLOCK_CANNOT_GO_BACK',
      `a sandbox clock only moves forward; it is ${current.toISOString()}`,
      { kind: 'rule', field: change.field },
    );
  const changedAt = deps.brandClock.now();
  await brandClocks.record(trx, { brandId, frozenAt: next, changedAt });
  await appendToOutbox(trx, [
    createEvent({
      type: 'brand.clock-changed',
      brandId,
      correlationId,
      occurredAt: changedAt,
      data: {
        brandId,
        frozenAt: next.toISOString(),
        previousAt: current.toISOString(),
        changedAt: changedAt.toISOString(),
      },
    }),
  ]);
  return { brandId, sandbox: true, now: next, frozen: true };
}

export const setBrandClock = (
  deps: BrandClockDeps,
  brandId: string,
  frozenAt: Date,
  correlationId: string,
) => moveClock(deps, brandId, { to: () => frozenAt, field: 'frozenAt' }, correlationId);

/** What a retried advance gets back: the clock as that advance left it. */
interface StoredClockView {
  brandId: string;
  sandbox: boolean;
  now: string;
  frozen: boolean;
}

/**
 * `by` is a number of seconds or an ISO-8601 duration of fixed length (`P3D`, `PT36H`). Unlike
 * setting the clock to a time, an advance repeated by a retry would move the clock twice, so it
 * runs at most once per Idempotency-Key.
 */
export async function advanceBrandClock(
  deps: BrandClockDeps,
  command: { brandId: string; by: number | string; idempotencyKey: string; correlationId: string },
): Promise<IdempotentOutcome<BrandClockView>> {
  const { brandId, by } = command;
  const ms = durationMs(by);
  if (ms !== undefined && Math.abs(ms) > MAX_ADVANCE_MS)
    throw new DomainError('DURATION_TOO_LONG', 'a clock moves at most ten years at a time', {
      kind: 'invalid',
      field: 'by',
    });
  if (ms === undefined)
    throw new DomainError(
      'INVALID_DURATION',
      'must be seconds or an ISO-8601 duration in weeks, days, hours, minutes and seconds (e.g. P3D)',
      { kind: 'invalid', field: 'by' },
    );
  const outcome = await runIdempotently<StoredClockView>(
    deps.db,
    { brandId, key: command.idempotencyKey, fingerprint: fingerprintOf('advance-clock', { by }) },
    {
      work: async (trx) => {
        const view = await moveClockIn(
          trx,
          deps,
          brandId,
          { to: (current) => new Date(current.getTime() + ms), field: 'by' },
          command.correlationId,
        );
        return { ...view, now: view.now.toISOString() };
      },
    },
  );
  const view = { ...outcome.result, now: new Date(outcome.result.now) };
  if (!outcome.replayed) deps.brandClock.remember({ brandId, frozenAt: view.now });
  return { result: view, replayed: outcome.replayed };
}
