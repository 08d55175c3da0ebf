export * from './conversation';
export * from './delivery';
export * from './arrivals';
export * from './record';
