// The config registry shared by the engine and the tools.
export * from './types';
export * from './kafka-validators';
export * from './topic-configs';
export * from './broker-configs';
export * from './resolve';
export * from './server-properties';
