import { flushSync } from 'svelte';

/** Runs `read` in an effect, as a component would; returns every value it produced, and a stop. */
export function watch<T>(read: () => T): { values: T[]; stop: () => void } {
  const values: T[] = [];
  const stop = $effect.root(() => {
    $effect(() => {
      values.push(read());
    });
  });
  flushSync();
  return { values, stop };
}
