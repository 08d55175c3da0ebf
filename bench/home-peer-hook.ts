/**
 * HOOK for the home peer's figures (issue 8: start time and resident memory with a vault of
 * 3,650 entries and 20 conversations). The home peer is built by another engineer; its
 * benchmark belongs next to it. This file only finds it:
 *
 *   bench/home-peer.ts  must export
 *     benchHomePeer(options: { log(line: string): void }): Promise<Record<string, number | null>>
 *   returning at least `home_peer_start_ms` and `home_peer_rss_mb` (others are welcome and are
 *   copied into results.json as they are). It runs inside `npm run bench`, after the browser
 *   benchmarks, with the machine otherwise idle; it should take under two minutes.
 *
 * Until that file exists, both figures are null and results.json says why.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const HOME_PEER_MODULE = new URL('./home-peer.ts', import.meta.url);

export interface HomePeerResult {
  figures: Record<string, number | null>;
  note: string | null;
}

type BenchHomePeer = (options: {
  log(line: string): void;
}) => Promise<Record<string, number | null>>;

export async function runHomePeerHook(log: (line: string) => void): Promise<HomePeerResult> {
  const empty = { home_peer_start_ms: null, home_peer_rss_mb: null };
  if (!existsSync(fileURLToPath(HOME_PEER_MODULE))) {
    return {
      figures: empty,
      note: 'bench/home-peer.ts does not exist yet (issue 8); see bench/home-peer-hook.ts for the contract.',
    };
  }
  const module = (await import(HOME_PEER_MODULE.href)) as { benchHomePeer?: BenchHomePeer };
  if (typeof module.benchHomePeer !== 'function') {
    return { figures: empty, note: 'bench/home-peer.ts does not export benchHomePeer().' };
  }
  const figures = await module.benchHomePeer({ log });
  return { figures: { ...empty, ...figures }, note: null };
}
