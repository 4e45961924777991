import { readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Content types worth compressing: text. Images and fonts are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/;
/** Below this, the headers cost more than compression saves. */
const MIN_BYTES = 1024;
/** Memory the cache of compressed files may hold; the oldest entries go first. */
const CACHE_BYTES = 64 * 1024 * 1024;

/** A supported content coding. */
export type Encoding = 'br' | 'gzip';

/** The coding to answer with for an `Accept-Encoding` header: Brotli, then gzip, or none. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding | null {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return [name, q === undefined ? 1 : Number(q)] as const;
    }),
  );
  for (const encoding of ['br', 'gzip'] as const) if ((accepted.get(encoding) ?? 0) > 0) return encoding;
  return null;
}

/**
 * Compressed copies of static files, made on first request and kept in memory. Keyed by
 * inode, size and modification time rather than path: a page a deploy left unchanged is the
 * same (hard-linked) file in the new release and keeps its compressed copy, while a changed
 * page is a new file and never gets an old copy.
 * Compressing on demand rather than at deploy keeps the publish path short.
 */
export class CompressionCache {
  readonly #entries = new Map<string, Buffer>();
  #bytes = 0;

  /** The compressed file, or null when it is not worth compressing. */
  get(file: string, contentType: string, encoding: Encoding): Buffer | null {
    if (!COMPRESSIBLE.test(contentType)) return null;
    const { dev, ino, size, mtimeMs } = statSync(file);
    if (size < MIN_BYTES) return null;
    const key = `${encoding}:${dev}:${ino}:${size}:${mtimeMs}`;
    const cached = this.#entries.get(key);
    if (cached) return cached;
    const raw = readFileSync(file);
    const compressed =
      encoding === 'br'
        ? brotliCompressSync(raw, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
          })
        : gzipSync(raw, { level: 9 });
    this.#entries.set(key, compressed);
    this.#bytes += compressed.length;
    for (const [oldKey, oldValue] of this.#entries) {
      if (this.#bytes <= CACHE_BYTES) break;
      this.#entries.delete(oldKey);
      this.#bytes -= oldValue.length;
    }
    return compressed;
  }
}
