/**
 * The "a new version is ready" state as runes, wired to the service worker. The rules about
 * when to show the banner and when reloading is safe live in ../pwa/update-state.ts.
 */
import {
  accept,
  bannerVisible,
  dismiss,
  initialUpdateState,
  onActivatedElsewhere,
  onNewVersionWaiting,
  reloadAllowed,
  type PageActivity,
  type UpdateState,
} from '../pwa/update-state';
import { registerServiceWorker, type ServiceWorkerHandle } from '../pwa/service-worker';

/** How often to look again whether it is safe to reload, once the person has said yes. */
export const RELOAD_POLL_MS = 200;

export class AppUpdateState {
  #state = $state<UpdateState>(initialUpdateState);
  #offlineReady = $state(false);
  #handle: ServiceWorkerHandle | null = null;
  #activity: () => PageActivity;
  #whenSaved: () => Promise<void>;

  constructor(activity: () => PageActivity, whenSaved: () => Promise<void>) {
    this.#activity = activity;
    this.#whenSaved = whenSaved;
  }

  /** Registers the service worker (production builds only). */
  start(url = '/sw.js'): void {
    this.#handle = registerServiceWorker(url, {
      onWaiting: () => (this.#state = onNewVersionWaiting(this.#state)),
      onControlledByNewVersion: () => (this.#state = onActivatedElsewhere(this.#state)),
      onUpdateActivated: () => void this.#reloadWhenSafe(),
    });
    void this.#handle?.whenControlling.then(() => (this.#offlineReady = true));
  }

  get bannerVisible(): boolean {
    return bannerVisible(this.#state);
  }

  get phase(): UpdateState['phase'] {
    return this.#state.phase;
  }

  /** True once a service worker controls the page: Mull will start with no network. */
  get offlineReady(): boolean {
    return this.#offlineReady;
  }

  /** "Reload to update": waits for saving to finish, then activates and reloads. */
  async accept(): Promise<void> {
    const before = this.#state.phase;
    this.#state = accept(this.#state);
    if (this.#state.phase !== 'accepted') return;
    await this.#whenSafe();
    if (before === 'activated-elsewhere' || !this.#handle) {
      // The new version already controls this page; only the page is old.
      location.reload();
    } else {
      this.#handle.activateWaiting();
    }
  }

  dismiss(): void {
    this.#state = dismiss(this.#state);
  }

  async #whenSafe(): Promise<void> {
    for (;;) {
      await this.#whenSaved();
      if (reloadAllowed(this.#activity())) return;
      await new Promise((resolve) => setTimeout(resolve, RELOAD_POLL_MS));
    }
  }

  async #reloadWhenSafe(): Promise<void> {
    await this.#whenSafe();
    location.reload();
  }
}

/** What the page is doing right now, for `reloadAllowed`. */
export function trackPageActivity(pendingWrites: () => number): () => PageActivity {
  let composing = false;
  document.addEventListener('compositionstart', () => (composing = true), true);
  document.addEventListener('compositionend', () => (composing = false), true);
  return () => {
    const active = document.activeElement;
    return {
      editorFocused: !!active?.closest('.cm-editor, textarea, [contenteditable="true"]'),
      composing,
      pendingWrites: pendingWrites(),
    };
  };
}
