let counter = 0;

/** A database name no other test uses, so tests never see each other's data. */
export function freshDbName(label = 'test'): string {
  counter++;
  return `mull-${label}-${process.pid}-${Date.now()}-${counter}`;
}
