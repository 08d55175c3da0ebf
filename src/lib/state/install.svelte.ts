/**
 * Whether Mull runs as an installed app, and whether the browser offers to install it.
 * `beforeinstallprompt` is Chromium's; other browsers install from their own menus.
 */
interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export class InstallState {
  /** Running in its own window, opened from the home screen or app list. */
  standalone = $state(false);
  /** Installed during this visit (the browser told us). */
  installedNow = $state(false);
  #prompt = $state<InstallPromptEvent | null>(null);
  readonly #listening = new AbortController();

  constructor() {
    if (typeof window === 'undefined') return;
    const { signal } = this.#listening;
    const standalone = window.matchMedia('(display-mode: standalone)');
    this.standalone = standalone.matches;
    standalone.addEventListener('change', () => (this.standalone = standalone.matches), {
      signal,
    });
    window.addEventListener(
      'beforeinstallprompt',
      (event) => {
        event.preventDefault(); // offer it in Settings, calmly, instead of a browser pop-up
        this.#prompt = event as InstallPromptEvent;
      },
      { signal },
    );
    window.addEventListener(
      'appinstalled',
      () => {
        this.installedNow = true;
        this.#prompt = null;
      },
      { signal },
    );
  }

  destroy(): void {
    this.#listening.abort();
  }

  get canPrompt(): boolean {
    return this.#prompt !== null;
  }

  async install(): Promise<void> {
    const prompt = this.#prompt;
    if (!prompt) return;
    await prompt.prompt();
    const { outcome } = await prompt.userChoice;
    if (outcome === 'accepted') this.#prompt = null;
  }
}
