/**
 * When Mull may show "Reload to update", and when it may actually reload. Pure rules, so they
 * can be tested without a service worker.
 *
 *   idle ──(new version waiting)──▶ waiting ──(person accepts)──▶ accepted
 *                                      │                            │ (safe to reload?)
 *                                      └─(updated by another tab)─▶ │ ──▶ reload
 *   activated-elsewhere: this tab still runs the old version; it says so and waits.
 *
 * Mull never reloads on its own. Even after the person accepts, it waits until nothing is
 * being typed and every keystroke has reached storage.
 */
export type UpdatePhase = 'idle' | 'waiting' | 'accepted' | 'activated-elsewhere';

export interface UpdateState {
  phase: UpdatePhase;
  /** The person closed the banner with "Later"; it comes back with the next new version. */
  dismissed: boolean;
}

export interface PageActivity {
  /** An editor or text field has focus: someone may be mid-sentence. */
  editorFocused: boolean;
  /** An IME composition (e.g. typing Japanese or using dictation) is in progress. */
  composing: boolean;
  /** Edits applied in memory but not yet committed to IndexedDB. */
  pendingWrites: number;
}

export const initialUpdateState: UpdateState = { phase: 'idle', dismissed: false };

export function onNewVersionWaiting(state: UpdateState): UpdateState {
  if (state.phase === 'accepted') return state;
  return { phase: 'waiting', dismissed: false };
}

export function onActivatedElsewhere(state: UpdateState): UpdateState {
  // Our own acceptance also activates the new worker; only a surprise comes from elsewhere.
  if (state.phase === 'accepted') return state;
  return { phase: 'activated-elsewhere', dismissed: false };
}

export function accept(state: UpdateState): UpdateState {
  return state.phase === 'waiting' || state.phase === 'activated-elsewhere'
    ? { phase: 'accepted', dismissed: false }
    : state;
}

export function dismiss(state: UpdateState): UpdateState {
  return { ...state, dismissed: true };
}

export function bannerVisible(state: UpdateState): boolean {
  return !state.dismissed && state.phase !== 'idle';
}

/** Reloading now would not cost a keystroke. */
export function reloadAllowed(activity: PageActivity): boolean {
  return !activity.editorFocused && !activity.composing && activity.pendingWrites === 0;
}
