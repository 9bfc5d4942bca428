// Writes the tray and application icons (plain PNGs, no image tooling needed). Run once; the
// PNGs are committed.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');

const table = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

function png(size, [r, g, b], ring) {
  const rows = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y += 1) {
    const row = [0];
    for (let x = 0; x < size; x += 1) {
      const d = Math.hypot(x - c, y - c) / (size / 2);
      const inside = d <= 0.92 && !(ring && d < 0.5);
      row.push(r, g, b, inside ? 255 : 0);
    }
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const states = {
  tracking: [[46, 160, 67], false],
  paused: [[120, 120, 120], true],
  offline: [[214, 140, 0], false],
  'notice-pending': [[200, 40, 40], true],
  stopped: [[120, 120, 120], false],
};
for (const [state, [color, ring]] of Object.entries(states)) {
  writeFileSync(join(assets, `tray-${state}.png`), png(32, color, ring));
}
writeFileSync(join(assets, 'icon.png'), png(512, [30, 90, 180], false));
