import { DomainError } from '../errors/domain-error';
import { Closed, DateOnly } from './input.schemas';
import { DateTime } from 'luxon';

/** A report's period as local days, both included. */
export const LocalPeriodQuery = Closed({
  from: DateOnly({ description: 'first local day counted' }),
  to: DateOnly({ description: 'last local day counted' }),
});

/** [from, to] in local days as a UTC half-open range; `to` before `from` is refused. */
export function periodOf(query: { from: string; to: string }, timeZone: string) {
  if (query.to < query.from) {
    throw new DomainError('INVALID_PERIOD', 'to is before from', { kind: 'invalid', field: 'to' });
  }
  const day = (date: string) => DateTime.fromISO(date, { zone: timeZone });
  return { from: day(query.from).toJSDate(), to: day(query.to).plus({ days: 1 }).toJSDate() };
}
