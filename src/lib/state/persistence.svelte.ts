import type { LocalPersistence, PersistenceStatus } from '../sync/local-persistence';

/** Local persistence's status as runes, for the load screen and the "saved" indicator. */
export class PersistenceState {
  #status: PersistenceStatus = $state.raw({
    load: 'loading',
    failure: null,
    pendingWrites: 0,
    writeError: null,
    lastCommittedAt: null,
  });
  #persistence: LocalPersistence;

  constructor(persistence: LocalPersistence) {
    this.#persistence = persistence;
    this.#status = persistence.status;
    persistence.on('status', this.#onStatus);
  }

  #onStatus = (status: PersistenceStatus): void => {
    this.#status = status;
  };

  get load() {
    return this.#status.load;
  }
  get failure() {
    return this.#status.failure;
  }
  get pendingWrites(): number {
    return this.#status.pendingWrites;
  }
  get saving(): boolean {
    return this.#status.pendingWrites > 0;
  }
  get writeError(): string | null {
    return this.#status.writeError;
  }

  retryWrites(): void {
    this.#persistence.retryWrites();
  }

  destroy(): void {
    this.#persistence.off('status', this.#onStatus);
  }
}
