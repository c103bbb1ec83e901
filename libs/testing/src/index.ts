export * from './service-under-test';
export * from './eventually';
export * from './builders';
export * from './kafka-probe';
export * from './test-clock';
export * from './internal-identity';
// App tests reach the fake SMS provider through the harness: apps never import the dev stack.
export {
  createDatabaseIfMissing,
  dropDatabase,
  startProviderSink,
  startSmtpSink,
  type ProviderSink,
  type SmtpSink,
} from '@laoke/devstack';
