/** Whether the browser believes it is online, as runes. Mull works either way. */
export class ConnectivityState {
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  readonly #listening = new AbortController();

  constructor() {
    if (typeof window === 'undefined') return;
    const { signal } = this.#listening;
    window.addEventListener('online', () => (this.online = true), { signal });
    window.addEventListener('offline', () => (this.online = false), { signal });
  }

  destroy(): void {
    this.#listening.abort();
  }
}
