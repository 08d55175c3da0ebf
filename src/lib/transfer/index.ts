/** Export and import formats and their validation. Formats are described in ./README.md. */
export * from './json-export';
export * from './markdown-export';
export * from './checkin-csv';
export * from './import-plan';
export { CONFLICT_TAG, decideMerge, type MergeDecision, type MergeOutcome } from './merge-rules';
export {
  DAYLIO_DEFAULT_MOODS,
  DAYLIO_LEVEL_MOODS,
  daylioMoodKey,
  isDaylioLevel,
  type DaylioLevel,
} from './daylio-csv';
export type { ImportProblem } from './problems';
export { IMPORT_SLICE_RECORDS, MAX_IMPORT_BYTES, MAX_IMPORT_RECORDS } from './limits';
export * from './conversation-export';
