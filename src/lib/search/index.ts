export * from './search-index';
export * from './query';
export * from './filters';
export * from './highlight';
export { tokenize, normalizeTerm, MAX_TERM_LENGTH } from './terms';
export {
  FIELD_BOOST,
  PREFIX_MIN_CHARS,
  LAST_TERM_PREFIX_MIN_CHARS,
  FUZZY_MIN_CHARS,
  FUZZY_TWO_EDITS_MIN_CHARS,
} from './matching';
