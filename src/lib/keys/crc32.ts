/**
 * CRC-32 (IEEE 802.3, the one in zlib, PNG and gzip). Used as the invite checksum because it
 * catches every error burst of up to 32 bits — so every mistyped character and every swapped
 * pair of neighbours in an invite code — and runs synchronously, so a pasted code is judged as
 * it is typed.
 * It is not a MAC: it guards against typos, not against someone forging a code.
 */
let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table) return table;
  table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** The CRC-32 of `bytes`, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array): number {
  const t = crcTable();
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (t[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
