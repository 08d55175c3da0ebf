export * from './conversation';
export * from './delivery';
export * from './arrivals';
export * from './delivery-rule';
export * from './record';
