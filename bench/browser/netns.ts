/**
 * A network of its own for one browser: a Linux network namespace joined to this machine by a
 * veth pair, so the bench can pull that device's network out from under it the way a dropped
 * Wi-Fi does — no packets either way, WebSocket and WebRTC alike, and nobody told.
 *
 * "Cut" takes the device's address away and leaves the link up. Its own sockets fail at once
 * (as a device's do when its Wi-Fi goes), while what others send it still leaves their machine
 * and is silently dropped at the far end. Taking the link down instead would remove this
 * machine's route to the device too, and its sends would fail at once: the other device would
 * know straight away, which it never does when someone else's network goes.
 *
 * Playwright's `setOffline` alone is not that: it stops the page's HTTP and WebSockets and fires
 * `offline`, but WebRTC's UDP keeps flowing, so the other device is told at once when a
 * connection closes — which a real lost network never does.
 *
 * Needs root and `ip` (iproute2). The namespace is created by `create()` and removed by `remove()`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

export interface NetNs {
  /** This machine's address on the link (servers for the namespace listen here). */
  hostAddress: string;
  /** The device's address inside the namespace. */
  deviceAddress: string;
  /** A script that runs its arguments inside the namespace (for `executablePath`). */
  wrap(executable: string): string;
  /** The device's address away (true) or back (false). */
  setCut(cut: boolean): void;
  remove(): void;
}

/** Whether this process may make network namespaces (root and iproute2). */
export function canCreateNetNs(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    ip('netns', 'list');
    return true;
  } catch {
    return false;
  }
}

export function createNetNs(name: string, subnet = 231): NetNs {
  const hostIf = `${name}-h`.slice(0, 15);
  const nsIf = `${name}-n`.slice(0, 15);
  const hostAddress = `10.${subnet}.0.1`;
  const nsAddress = `10.${subnet}.0.2`;
  const dir = mkdtempSync(join(tmpdir(), 'mull-netns-'));
  // A namespace left by an earlier run that was killed.
  try {
    ip('netns', 'del', name);
  } catch {
    // none
  }
  try {
    ip('link', 'del', hostIf);
  } catch {
    // none
  }
  ip('netns', 'add', name);
  ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
  ip('link', 'set', nsIf, 'netns', name);
  ip('addr', 'add', `${hostAddress}/24`, 'dev', hostIf);
  ip('link', 'set', hostIf, 'up');
  ip('netns', 'exec', name, 'ip', 'addr', 'add', `${nsAddress}/24`, 'dev', nsIf);
  ip('netns', 'exec', name, 'ip', 'link', 'set', nsIf, 'up');
  ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  const nsIp = (...args: string[]): void => ip('netns', 'exec', name, 'ip', ...args);
  nsIp('route', 'add', 'default', 'via', hostAddress);
  return {
    hostAddress,
    deviceAddress: nsAddress,
    wrap(executable: string): string {
      const script = join(dir, 'in-netns.sh');
      writeFileSync(script, `#!/bin/sh\nexec ip netns exec ${name} ${executable} "$@"\n`);
      chmodSync(script, 0o755);
      return script;
    },
    setCut(cut: boolean): void {
      nsIp('addr', cut ? 'del' : 'add', `${nsAddress}/24`, 'dev', nsIf);
      // The default route went with the address.
      if (!cut) nsIp('route', 'add', 'default', 'via', hostAddress);
    },
    remove(): void {
      try {
        ip('link', 'del', hostIf);
      } catch {
        // gone with the namespace
      }
      try {
        ip('netns', 'del', name);
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
