// Draws the field app's PNG icons (web/public/field/icon-192.png, icon-512.png) from the same shapes as icon.svg:
// a red rounded square, a white location pin (ring, dot, point). No image library: each pixel's coverage is
// sampled 4×4 and the PNG is written with zlib. Run `node scripts/field-icons.mjs` after changing the shapes; the
// PNGs are committed (Android and older iOS want PNG icons in the manifest, not only SVG).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const RED = [0xcf, 0x13, 0x22];
const WHITE = [0xff, 0xff, 0xff];

/** What covers the point (x, y) in the SVG's 512-unit square: null (transparent), RED or WHITE. */
function colourAt(x, y) {
  const r = 96;
  const cx = Math.min(Math.max(x, r), 512 - r);
  const cy = Math.min(Math.max(y, r), 512 - r);
  if (x < 0 || y < 0 || x > 512 || y > 512 || (x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const d = Math.hypot(x - 256, y - 220);
  if (Math.abs(d - 110) <= 18 || d <= 40) return WHITE;
  // The point: the triangle (256,440) (176,300) (336,300).
  if (y >= 300 && y <= 440 && Math.abs(x - 256) <= ((440 - y) / 140) * 80) return WHITE;
  return RED;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size) {
  const S = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt(((px + (sx + 0.5) / S) * 512) / size, ((py + (sy + 0.5) / S) * 512) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / (S * S)) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = path.resolve(import.meta.dirname, '../web/public/field');
for (const size of [192, 512]) {
  const file = path.join(dir, `icon-${size}.png`);
  const bytes = png(size);
  writeFileSync(file, bytes);
  console.log(`${path.relative(process.cwd(), file)}\t${bytes.length} bytes`);
}
