export * from './local-process';
export * from './postgres';
export * from './kafka-broker';
export * from './provider-sink';
export * from './smtp-sink';
export * from './service-process';
export * from './stack';
export * from './stop-signals';
