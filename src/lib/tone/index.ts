/**
 * The on-device tone check: does a draft read as heated? A gentle note beside the draft, never a
 * block. Pure: no Yjs, no Svelte, no network. README.md has how it decides.
 */
export {
  analyseTone,
  checkTone,
  HEATED_THRESHOLD,
  MAX_CHECKED_CHARS,
  type ToneAnalysis,
  type ToneCheck,
} from './check';
