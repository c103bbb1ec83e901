export * from './scheduled-job';
export * from './scheduler';
export * from './job-metrics';
export * from './advisory-lock';
