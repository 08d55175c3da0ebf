/**
 * Journals kept apart on this device, as runes for Settings: the list, and what a person can
 * do with one: download it, merge it into this journal, or delete it (./keep-apart.ts).
 * Other tabs' changes to the list are followed while `watch()` runs.
 */
import { onDeviceMessage } from '../sync/device-channel';
import type { DeviceStore } from '../sync/device-store';
import { downloadJson } from '../util/download';
import {
  deleteKeptApart,
  describeHoldings,
  describeKeptApart,
  exportKeptApart,
  KeptApartError,
  keptApartFileName,
  listKeptApart,
  mergeKeptApart,
  type KeptApartJournal,
  type MergeTarget,
} from './keep-apart';

export interface KeptApartOptions {
  /** Offers a file to the person (tests pass their own). */
  download?: (fileName: string, data: unknown) => void;
}

const reason = (err: unknown): string =>
  err instanceof KeptApartError
    ? err.message
    : `That didn’t finish (${err instanceof Error ? err.message : String(err)}). Please try again in a moment.`;

export class KeptApartState {
  readonly #store: DeviceStore;
  readonly #target: MergeTarget & { ready: Promise<void> };
  readonly #download: (fileName: string, data: unknown) => void;
  #journals = $state.raw<KeptApartJournal[]>([]);
  /** The database being downloaded, merged or deleted. */
  #busy = $state<string | null>(null);
  #notice = $state('');
  #problem = $state('');

  constructor(
    store: DeviceStore,
    target: MergeTarget & { ready: Promise<void> },
    { download = downloadJson }: KeptApartOptions = {},
  ) {
    this.#store = store;
    this.#target = target;
    this.#download = download;
  }

  get journals(): readonly KeptApartJournal[] {
    return this.#journals;
  }

  /** The `dbName` of the journal being worked on, or null. */
  get busy(): string | null {
    return this.#busy;
  }

  /** What the last action did, in a sentence. */
  get notice(): string {
    return this.#notice;
  }

  /** Why the last action did not happen, in a sentence; the journal is then as it was. */
  get problem(): string {
    return this.#problem;
  }

  describe(journal: KeptApartJournal): string {
    return describeKeptApart(journal);
  }

  /** Reads the list again. */
  async refresh(): Promise<void> {
    try {
      this.#journals = await listKeptApart(this.#store);
    } catch (err) {
      console.warn('Could not read the journals kept apart', err);
    }
  }

  /** Reads the list, and again whenever a tab changes it; returns a stop. */
  watch(): () => void {
    void this.refresh();
    return onDeviceMessage(() => void this.refresh());
  }

  async download(journal: KeptApartJournal): Promise<void> {
    await this.#run(journal, async () => {
      const now = new Date();
      this.#download(keptApartFileName(journal, now), await exportKeptApart(journal, now));
    });
  }

  async merge(journal: KeptApartJournal): Promise<void> {
    await this.#run(journal, async () => {
      await this.#target.ready;
      const outcome = await mergeKeptApart(this.#store, journal, this.#target);
      const what = describeHoldings(journal);
      this.#notice =
        outcome === 'saved'
          ? `Merged into this journal: ${what}.`
          : `Merged into this journal: ${what}. Saving is having trouble right now, so the kept copy stays here too until it’s saved.`;
    });
  }

  async remove(journal: KeptApartJournal): Promise<void> {
    await this.#run(journal, async () => {
      await deleteKeptApart(this.#store, journal);
      this.#notice = 'That journal is deleted from this device.';
    });
  }

  async #run(journal: KeptApartJournal, action: () => Promise<void>): Promise<void> {
    if (this.#busy !== null) return;
    this.#busy = journal.dbName;
    this.#notice = '';
    this.#problem = '';
    try {
      await action();
    } catch (err) {
      this.#problem = reason(err);
    } finally {
      this.#busy = null;
      await this.refresh();
    }
  }

  /** Clears the last notice or problem. */
  dismiss(): void {
    this.#notice = '';
    this.#problem = '';
  }
}
