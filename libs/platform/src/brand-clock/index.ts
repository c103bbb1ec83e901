export * from './brand-aware-clock';
export * from './brand-clocks.repository';
export * from './brand-clock.migrations';
export * from './brand-clock.consumer';
export * from './brand-clock-refresh.job';
