// Draws the add-in's icons (16, 32, 64, 80, 128 px) as PNGs in assets/: a page
// with three status bars, red, amber and green. Run with `npm run icons`.
import { promises as fs } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128];
const ASSETS = path.join(__dirname, '..', 'assets');

type RGBA = [number, number, number, number];
const hex = (h: string, a = 255): RGBA => [
  parseInt(h.slice(1, 3), 16),
  parseInt(h.slice(3, 5), 16),
  parseInt(h.slice(5, 7), 16),
  a,
];

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function encodePng(size: number, pixels: RGBA[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // no filter
    for (let x = 0; x < size; x++) Buffer.from(pixels[y * size + x]).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function draw(size: number): RGBA[] {
  const s = size / 16;
  const clear: RGBA = [0, 0, 0, 0];
  const page = hex('#FFFFFF');
  const edge = hex('#505A5F');
  const bars = [hex('#D4351C'), hex('#F47738'), hex('#00703C')];
  const pixels: RGBA[] = [];
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / s;
      const v = (y + 0.5) / s;
      let colour = clear;
      if (u >= 1.5 && u <= 14.5 && v >= 0.5 && v <= 15.5) {
        const onEdge = u < 2.5 || u > 13.5 || v < 1.5 || v > 14.5;
        colour = onEdge ? edge : page;
        const bar = [3, 7, 11].findIndex((top) => v >= top && v < top + 2.6);
        if (bar >= 0 && u >= 4 && u <= 12) colour = u <= 6 ? bars[bar] : hex('#B1B4B6');
      }
      pixels.push(colour);
    }
  return pixels;
}

async function main(): Promise<void> {
  await fs.mkdir(ASSETS, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = path.join(ASSETS, `icon-${size}.png`);
    await fs.writeFile(file, encodePng(size, draw(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
