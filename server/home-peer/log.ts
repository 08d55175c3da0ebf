/**
 * What the home peer says about itself, one line at a time, to stdout (journald under
 * systemd adds the time). The rule, as for signaling: counts, sizes, states and short local
 * labels only — **never** content, a secret, a room name, a person's or a device's name.
 *
 * A document is named by a label: `vault`, or `conv` and six characters of its derived doc
 * id (`conv 3fA9_c`), enough to follow one conversation through a log and nothing more: doc
 * ids are HKDF outputs, unrelated to the room name the signaling server sees.
 */
export type HomeLog = (line: string) => void;

export const consoleLog: HomeLog = (line) => console.log(`home-peer: ${line}`);

/** `vault`, or `conv xxxxxx` for a conversation (see above). */
export function docLabel(docName: string): string {
  if (docName.startsWith('vault-')) return 'vault';
  const dash = docName.indexOf('-');
  return `${docName.slice(0, dash)} ${docName.slice(dash + 1, dash + 7)}`;
}

export const rssMegabytes = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

/**
 * An error's kind without its message: messages can quote what a peer sent (JSON.parse does),
 * and a peer's bytes never reach the log.
 */
export function errorKind(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? `${err.name} ${code}` : err.name;
  }
  return typeof err;
}
