import { Topics } from '@laoke/contracts';
import type { ConsumerSpec } from '../service-runtime';
import type { BrandAwareClock } from './brand-aware-clock';
import { brandClocksRepository } from './brand-clocks.repository';

/** Projects `brand.clock-changed` into this service's brand_clocks; buildService adds it. */
export const brandClockConsumer = (service: string, clock: BrandAwareClock): ConsumerSpec => ({
  groupId: `${service}.brand-clocks`,
  topics: [Topics.organisationEvents],
  handlers: {
    'brand.clock-changed': async (event, trx) => {
      const setting = {
        brandId: event.brandId,
        frozenAt: new Date(event.data.frozenAt),
        changedAt: new Date(event.data.changedAt),
      };
      await brandClocksRepository.record(trx, setting);
      return () => Promise.resolve(clock.remember(setting));
    },
  },
});
