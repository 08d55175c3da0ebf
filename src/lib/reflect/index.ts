/** Reply timing: cool-off, quiet hours and send timing. Pure: no Yjs, no Svelte. */
export * from './cool-off';
export * from './errors';
export * from './quiet-hours';
export * from './send-timing';
export * from './zoned-time';
