export * from './schema';
export * from './origins';
export * from './errors';
export * from './doc';
export * from './entries';
export * from './tags';
export * from './settings';
export * from './devices';
