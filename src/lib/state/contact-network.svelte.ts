/**
 * Keeps open conversations on the network chosen for contacts: when the servers or "reach
 * contacts only through a relay" change, each conversation's room is joined again (the vault's
 * room is SyncState's, and follows only the servers). A moment later, as SyncState does:
 * settings from another device can merge in steps, and only the last one matters.
 */
import { untrack } from 'svelte';
import type { Network } from '../sync/network';
import type { ConversationState } from './conversation.svelte';

/** How long after the network for contacts changes before conversations rejoin. */
export const CONTACT_REJOIN_MS = 500;

/** Starts following; returns the function that stops it. */
export function followContactNetwork(
  network: () => Network,
  conversations: () => ConversationState[],
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = $effect.root(() => {
    $effect(() => {
      const current = network();
      clearTimeout(timer);
      timer = setTimeout(() => {
        // A conversation already on this network does nothing (ConversationState.rejoin).
        for (const conversation of untrack(conversations)) void conversation.rejoin(current);
      }, CONTACT_REJOIN_MS);
    });
  });
  return () => {
    clearTimeout(timer);
    stop();
  };
}
