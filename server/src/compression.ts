import { existsSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Files worth compressing, by extension: text. Images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg', '.webmanifest']);
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;
/**
 * Brotli quality 5, not 9 or 11: a cold snapshot compresses every page (105,000 at the archive
 * size), and quality 5 does it about ten times faster than 9 for output a few per cent larger.
 */
const BROTLI_QUALITY = 5;
/** Where a release keeps the compressed copies of its files, beside `client/`: never served as such. */
const COMPRESSED_DIR = 'compressed';

/** A supported content coding. */
export type Encoding = 'br' | 'gzip';
const ENCODINGS: Encoding[] = ['br', 'gzip'];

/** The coding to answer with for an `Accept-Encoding` header: Brotli, then gzip, or none. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return [name, q === undefined ? 1 : Number(q)] as const;
    }),
  );
  for (const encoding of ENCODINGS) if ((accepted.get(encoding) ?? 0) > 0) return encoding;
  return null;
}

/** The compressed copy of release file `relative` (e.g. `client/index.html`) in `encoding`. */
export function compressedPath(release: string, relative: string, encoding: Encoding): string {
  return path.join(release, COMPRESSED_DIR, `${relative}.${encoding}`);
}

/** True for a path in a release (relative to it) that is one of its compressed copies. */
export function isCompressedCopy(relative: string): boolean {
  return relative.startsWith(`${COMPRESSED_DIR}${path.sep}`);
}

/** True for a release file worth serving compressed (text under client/, 1 KiB or more). */
export function worthCompressing(relative: string, size: number): boolean {
  return relative.startsWith(`client${path.sep}`) && size >= MIN_BYTES && COMPRESSIBLE.has(path.extname(relative));
}

/** `content` as the site server sends it to a browser that accepts Brotli. */
export function brotli(content: Buffer): Buffer {
  return brotliCompressSync(content, {
    params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
  });
}

/**
 * Writes the Brotli and gzip copies of release file `relative`, whose content is `content`.
 * Done once, when the file enters a release (snapshot or fast publish), instead of on the
 * request thread: a reader's request only picks a file.
 */
export function writeCompressed(release: string, relative: string, content: Buffer): void {
  if (!worthCompressing(relative, content.length)) return;
  const copies: Record<Encoding, Buffer> = { br: brotli(content), gzip: gzipSync(content, { level: 9 }) };
  for (const encoding of ENCODINGS) {
    const target = compressedPath(release, relative, encoding);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, copies[encoding]);
  }
}

/**
 * Gives release file `relative` (in `release`, of `size` bytes, unchanged from `previous`) its
 * compressed copies: hard links to `previous`'s when it has them (releases are never written
 * after they are made), else made from the file.
 */
export function carryCompressed(previous: string | null, release: string, relative: string, size: number): void {
  if (!worthCompressing(relative, size)) return;
  const linked =
    previous !== null &&
    ENCODINGS.every((encoding) => {
      const from = compressedPath(previous, relative, encoding);
      if (!existsSync(from)) return false;
      const to = compressedPath(release, relative, encoding);
      mkdirSync(path.dirname(to), { recursive: true });
      linkSync(from, to);
      return true;
    });
  if (!linked) writeCompressed(release, relative, readFileSync(path.join(release, relative)));
}
