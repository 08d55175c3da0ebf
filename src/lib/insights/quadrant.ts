/** The mood grid's quadrants: defined once, in ../mood/quadrant.ts. */
export { QUADRANTS, QUADRANT_WORDS, quadrantOf, type Quadrant } from '../mood/quadrant';
