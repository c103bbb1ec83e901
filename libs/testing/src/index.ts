export * from './service-under-test';
export * from './eventually';
export * from './builders';
export * from './kafka-probe';
