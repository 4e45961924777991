import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * Draws a small cover image (a diagonal gradient of `rgb` with light stripes) as a PNG.
 * Sample covers are generated rather than shipped so the repository holds no binary assets
 * and every story gets an image of a known size.
 */
export function coverPng(width: number, height: number, [r, g, b]: [number, number, number], seed = 0): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3); // leading 0 = no filter
    for (let x = 0; x < width; x++) {
      const shade = 0.55 + 0.45 * ((x + y) / (width + height));
      const stripe = (x + 2 * y + seed * 17) % 48 < 6 ? 40 : 0;
      row[1 + x * 3] = Math.min(255, r * shade + stripe);
      row[2 + x * 3] = Math.min(255, g * shade + stripe);
      row[3 + x * 3] = Math.min(255, b * shade + stripe);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
