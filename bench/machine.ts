/** What the benchmarks ran on, read from the operating system (never typed in by hand). */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memory_gb: number;
  os: string;
  kernel: string;
  node: string;
  chromium: string | null;
  /** 1-minute load average when the run started: above `cores`, others were using the CPU. */
  load_at_start: number;
  load_at_end?: number;
}

function osName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1] ?? os.type();
  } catch {
    return `${os.type()} ${os.release()}`;
  }
}

function chromiumVersion(path: string | null): string | null {
  if (!path) return null;
  try {
    // The Debian wrapper script prints a shell warning on stderr; the version is on stdout.
    const out = execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim() || null;
  } catch {
    return null;
  }
}

export function describeMachine(chromiumPath: string | null): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memory_gb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion(chromiumPath),
    load_at_start: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

/** One line for the table's header: "Intel Xeon, 2 cores, 23.5 GB, Debian 12, Node v20…". */
export const machineLine = (m: Machine): string =>
  `${m.cpu}, ${m.cores} cores, ${m.memory_gb} GB RAM, ${m.os} (${m.kernel}), Node ${m.node}, ` +
  `${m.chromium ?? 'no Chromium'}; load average ${m.load_at_start}` +
  (m.load_at_end === undefined ? '' : ` at start, ${m.load_at_end} at end`);
