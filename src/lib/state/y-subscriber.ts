/**
 * The one bridge from a Y type's changes to Svelte's reactivity.
 *
 * `ySubscriber(type)` returns a `track()` function. Call it inside a `$derived` or a getter read
 * by an effect, and that reader re-runs when the type changes. The Yjs observer is attached
 * when the first reader starts tracking and removed when the last one stops (Svelte's
 * `createSubscriber`), so a state class never pairs `observe` with `unobserve` by hand and has
 * nothing to undo in `destroy()` for it.
 *
 *   readonly contacts = $derived.by(() => {
 *     this.#contacts();            // track the contacts map
 *     return listContacts(this.#doc);
 *   });
 *
 * Read outside any reactive context (a test, an event handler), a getter simply reads the doc
 * afresh. A `$derived` read there is evaluated as its own tracking context: it attaches the
 * observer too and stays correct (the observer then lives as long as the type does, as with
 * Svelte's own `MediaQuery`).
 */
import { createSubscriber } from 'svelte/reactivity';
import type * as Y from 'yjs';

// Yjs types are generic over their content; the subscriber never looks inside.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyYType = Y.AbstractType<any>;
export type YEvents = Y.YEvent<AnyYType>[];

export interface YSubscriberOptions {
  /** Follow changes inside nested types too (`observeDeep`): a Y.Text in a Y.Map in the map. */
  readonly deep?: boolean;
  /**
   * Only changes touching these top-level keys of a Y.Map count (with `deep`, a change
   * anywhere below one of them). Typing in one draft does not re-run a reader of another.
   */
  readonly keys?: readonly string[];
  /**
   * Only changes for which this returns true count: for readers that care about some kinds of
   * change (delivery follows a draft's state and send time, not its text).
   */
  readonly filter?: (events: YEvents) => boolean;
  /**
   * Called with every change that counts, before readers are told: for a state class that
   * keeps an incremental cache (the journal refreshes only the entries that changed).
   */
  readonly onChange?: (events: YEvents) => void;
  /**
   * Called when observing (re)starts. While nobody tracked the type, changes went unseen: an
   * incremental cache must be rebuilt here.
   */
  readonly onStart?: () => void;
  /**
   * Called when the last reader has stopped and the observer is removed: from here on, changes
   * go unseen until `onStart`. A cache built before the first reader need not be rebuilt then.
   */
  readonly onStop?: () => void;
}

/** Whether any of these events touches one of `keys` at the top of `type`. */
export function touchesKeys(type: AnyYType, events: YEvents, keys: readonly string[]): boolean {
  for (const event of events) {
    if (event.target === type) {
      for (const key of event.keys.keys()) if (keys.includes(key)) return true;
    } else {
      const top = event.path[0];
      if (typeof top === 'string' && keys.includes(top)) return true;
    }
  }
  return false;
}

/** See the module comment: returns `track()`, to call wherever the type is read. */
export function ySubscriber(type: AnyYType, options: YSubscriberOptions = {}): () => void {
  const { deep = false, keys, filter, onChange, onStart, onStop } = options;
  return createSubscriber((update) => {
    const handler = (eventOrEvents: Y.YEvent<AnyYType> | YEvents): void => {
      const events = Array.isArray(eventOrEvents) ? eventOrEvents : [eventOrEvents];
      if (keys && !touchesKeys(type, events, keys)) return;
      if (filter && !filter(events)) return;
      onChange?.(events);
      update();
    };
    onStart?.();
    if (deep) type.observeDeep(handler);
    else type.observe(handler);
    return () => {
      if (deep) type.unobserveDeep(handler);
      else type.unobserve(handler);
      onStop?.();
    };
  });
}
