/** What is wrong with an import file, and where, in words a person can act on. */
import { MAX_REPORTED_PROBLEMS } from './limits';

export interface ImportProblem {
  /** The whole sentence, location first: `Line 14: pleasantness must be …`. */
  message: string;
  /** The CSV line (1-based), when the problem has one. */
  line?: number;
  /** The JSON field path (`entries[3].mood.pleasantness`), when the problem has one. */
  path?: string;
}

export const lineProblem = (line: number, text: string): ImportProblem => ({
  message: `Line ${line}: ${text}`,
  line,
});

export const pathProblem = (path: string, text: string): ImportProblem => ({
  message: `${path} ${text}`,
  path,
});

export const fileProblem = (message: string): ImportProblem => ({ message });

/** Collects problems, keeping the first MAX_REPORTED_PROBLEMS and counting the rest. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  count = 0;

  add(problem: ImportProblem): void {
    this.count++;
    if (this.items.length < MAX_REPORTED_PROBLEMS) this.items.push(problem);
  }
}
