/**
 * Appends updates to a DocStore as fast as it can and reports each one as acknowledged the
 * moment `append` returns — until the test kills it with SIGKILL.
 *
 *   argv: <store path> <doc name>     stdout: "ack <n>" per stored update
 */
import { writeSync } from 'node:fs';
import * as Y from 'yjs';
import { DocStore } from '../../../server/home-peer/doc-store';

const [path, name] = process.argv.slice(2) as [string, string];
const store = DocStore.open(path);
const doc = new Y.Doc();
let n = 0;
doc.on('update', (update: Uint8Array) => {
  store.append(name, update);
  // Synchronous, so "ack n" is never printed before the append returned.
  writeSync(1, `ack ${n}\n`);
});
const step = (): void => {
  doc.getMap('m').set(String(n), `value ${n}`);
  n += 1;
  setImmediate(step);
};
step();
