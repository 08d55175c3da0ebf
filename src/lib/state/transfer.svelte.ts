/**
 * Export and import as runes. The formats live in ../transfer (loaded only when used: the
 * validator and zip library are not needed to write in the journal). An import is planned
 * first — nothing is written — then applied in one transaction once the person confirms.
 */
import type * as Y from 'yjs';
import { systemTimeZone } from '../time/zoned-time';
import type { ImportProblem, ReadyImportPlan } from '../transfer';
import { downloadBlob, downloadJson } from '../util/download';

export type ImportStage = 'idle' | 'reading' | 'planned' | 'importing' | 'done' | 'failed';

const transfer = () => import('../transfer');

export class TransferState {
  readonly #doc: Y.Doc;
  stage = $state<ImportStage>('idle');
  /** 0…1 while reading and checking a file. */
  progress = $state(0);
  fileName = $state('');
  /** "This will add 3,650 check-ins." / "Added 3,650 check-ins." */
  summary = $state('');
  errors = $state<ImportProblem[]>([]);
  errorCount = $state(0);
  warnings = $state<ImportProblem[]>([]);
  #plan: ReadyImportPlan | null = null;

  constructor(doc: Y.Doc) {
    this.#doc = doc;
  }

  async downloadJson(): Promise<void> {
    const t = await transfer();
    const now = new Date();
    downloadJson(t.exportFileName(now), t.exportVault(this.#doc, now));
  }

  async downloadMarkdown(): Promise<void> {
    const t = await transfer();
    const zip = t.exportMarkdownZip(this.#doc, { timeZone: systemTimeZone() });
    downloadBlob(
      t.markdownZipFileName(new Date()),
      new Blob([zip as BlobPart], { type: 'application/zip' }),
    );
  }

  async downloadCsv(): Promise<void> {
    const t = await transfer();
    const csv = t.exportCheckinCsv(this.#doc, { timeZone: systemTimeZone() });
    downloadBlob(t.checkinCsvFileName(new Date()), new Blob([csv], { type: 'text/csv' }));
  }

  /** Reads and checks a file. Nothing in the journal changes until `confirm()`. */
  async choose(file: File): Promise<void> {
    this.reset();
    this.fileName = file.name;
    this.stage = 'reading';
    const t = await transfer();
    const plan = await t.planImport(this.#doc, file, {
      timeZone: systemTimeZone(),
      onProgress: ({ done, total }) => (this.progress = total > 0 ? done / total : 0),
    });
    this.warnings = plan.warnings;
    if (!plan.ok) {
      this.errors = plan.errors;
      this.errorCount = plan.errorCount;
      this.stage = 'failed';
      return;
    }
    this.#plan = plan;
    this.summary = t.describeImport(plan.summary, 'plan');
    this.stage = 'planned';
  }

  async confirm(): Promise<void> {
    const plan = this.#plan;
    if (!plan) return;
    this.stage = 'importing';
    // Let "Importing…" paint before the single (blocking) transaction runs.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const t = await transfer();
    try {
      const done = t.applyImport(this.#doc, plan);
      this.summary = t.describeImport(done, 'done');
      this.stage = 'done';
    } catch (err) {
      this.errors = [{ message: err instanceof Error ? err.message : String(err) }];
      this.errorCount = 1;
      this.stage = 'failed';
    } finally {
      this.#plan = null;
    }
  }

  reset(): void {
    this.#plan = null;
    this.stage = 'idle';
    this.progress = 0;
    this.fileName = '';
    this.summary = '';
    this.errors = [];
    this.errorCount = 0;
    this.warnings = [];
  }
}
