import type { NotificationCategory, NotificationChannel } from '@laoke/contracts';
import type { Queryable } from '@laoke/platform';
import {
  deliveryScheduleRepository as schedule,
  type CapOccupant,
} from '../data/delivery-schedule.repository';
import { windowFor, type BrandPolicy } from './notification-policy';
import { localDay, nextAllowedTime } from './sending-windows';

const DAY_MS = 86_400_000;
// Each step moves the time forward; this only bounds a policy that could never be met.
const MAX_STEPS = 30;

export interface PacedMessage {
  memberId: string;
  channel: NotificationChannel;
  category: NotificationCategory;
  priority: number;
  timeZone: string;
  /** Already scheduled: it does not count against itself. */
  deliveryId?: string;
}

export interface Pacing {
  notBefore: Date;
  /** Why it is later than asked: quiet-hours, sms-daily-limit, frequency-cap. */
  reasons: string[];
  /** A lower-priority delivery whose place under the cap this one takes (R5 "never too often"). */
  displaces?: CapOccupant;
}

/**
 * When a message may go, at or after `from`: inside its sending window (R5, quiet hours defer,
 * never drop), within the per-number SMS daily limit, and under the member's frequency cap for
 * its category across all journeys. When the cap is full, a higher-priority message takes the
 * place of a lower-priority one not yet due (`displaces`); otherwise it waits until the window
 * has room. Callers hold the member's contact row lock, so decisions per member are serial.
 */
export async function paceDelivery(
  db: Queryable,
  policy: BrandPolicy,
  message: PacedMessage,
  from: Date,
  now: Date,
  mayDisplace = true,
): Promise<Pacing> {
  const reasons = new Set<string>();
  const window = windowFor(policy, message.channel, message.category);
  const cap = policy.caps[message.category];
  let at = from;
  for (let step = 0; step < MAX_STEPS; step++) {
    const allowed = nextAllowedTime(at, window, message.timeZone);
    if (allowed.getTime() !== at.getTime()) reasons.add('quiet-hours');
    at = allowed;

    if (message.channel === 'sms') {
      const day = localDay(at, message.timeZone);
      const sent = await schedule.smsCountBetween(db, message.memberId, day.start, day.end);
      if (sent >= policy.sms.dailyLimitPerNumber) {
        reasons.add('sms-daily-limit');
        at = day.end;
        continue;
      }
    }

    if (cap) {
      const windowMs = cap.windowDays * DAY_MS;
      const occupants = (
        await schedule.capOccupants(
          db,
          message.memberId,
          message.category,
          new Date(at.getTime() - windowMs),
        )
      ).filter((o) => o.id !== message.deliveryId);
      if (occupants.length >= cap.max) {
        const displaced = mayDisplace
          ? occupants
              .filter((o) => o.status === 'claimed' && o.notBefore > now)
              .filter((o) => o.priority < message.priority)
              .sort((a, b) => a.priority - b.priority || +b.notBefore - +a.notBefore)[0]
          : undefined;
        if (displaced) return { notBefore: at, reasons: [...reasons], displaces: displaced };
        reasons.add('frequency-cap');
        const times = occupants.map((o) => o.notBefore.getTime()).sort((a, b) => a - b);
        const freed = (times[times.length - cap.max] ?? at.getTime()) + windowMs;
        at = new Date(Math.max(freed, at.getTime() + 1));
        continue;
      }
    }
    break;
  }
  return { notBefore: at, reasons: [...reasons] };
}
