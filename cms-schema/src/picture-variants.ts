import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';

/** A sharp pipeline. */
type Pipeline = ReturnType<typeof sharp>;

/**
 * The responsive variants of every uploaded picture, made once when it is uploaded (or by the
 * backfill, scripts/backfill-pictures.ts), never by a site build: AVIF and WebP at the widths
 * the layout draws pictures at. Strapi stores them with the upload (its `formats`, through the
 * upload provider, so on disk or in the bucket alike) and the site writes them into `srcset`.
 */

/** Phone, tablet and desktop widths, in CSS pixels at 1x and 2x of the layout's columns. */
export const VARIANT_WIDTHS = [360, 720, 1080] as const;

/** The encodings, best first: a browser takes the first `<source>` it supports. */
export const VARIANT_ENCODINGS = [
  // effort 2: a fifth of the default's time for a few percent more bytes.
  {
    format: 'avif',
    mime: 'image/avif',
    ext: '.avif',
    encode: (image: Pipeline) => image.avif({ quality: 50, effort: 2 }),
  },
  { format: 'webp', mime: 'image/webp', ext: '.webp', encode: (image: Pipeline) => image.webp({ quality: 75 }) },
] as const;

/** The `formats` key of a variant: `avif_720`. */
export function variantKey(format: string, width: number): string {
  return `${format}_${width}`;
}

/** The widths to make of a picture `width` pixels wide: each layout width below it, and the picture's own when narrower. */
export function variantWidths(width: number): number[] {
  if (!Number.isFinite(width) || width <= 0) return [];
  return [...new Set([...VARIANT_WIDTHS.filter((w) => w < width), Math.min(width, VARIANT_WIDTHS.at(-1)!)])];
}

/** The slice of Strapi's upload file object the variants are made from. */
export interface UploadedPicture {
  name: string;
  hash: string;
  path?: string | null;
  filepath?: string;
  tmpWorkingDirectory?: string;
  getStream(): NodeJS.ReadableStream;
}

/** A variant as Strapi's upload service stores a format: uploaded by the provider, then kept in `formats`. */
export interface PictureVariant {
  key: string;
  file: {
    name: string;
    hash: string;
    ext: string;
    mime: string;
    path: string | null;
    width: number;
    height: number;
    size: number;
    sizeInBytes: number;
    filepath: string;
    getStream(): NodeJS.ReadableStream;
  };
}

/** The picture's bytes: its temporary file when Strapi has one, else its stream. */
async function input(file: UploadedPicture): Promise<string | Buffer> {
  if (file.filepath) return file.filepath;
  const chunks: Buffer[] = [];
  for await (const chunk of file.getStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Encodes every variant of `file` (a picture `width` pixels wide) into its working folder. A
 * picture sharp cannot read gets none: the page then shows the original, never a failed upload.
 */
export async function makeVariants(file: UploadedPicture, width: number): Promise<PictureVariant[]> {
  const source = await input(file);
  const folder = file.tmpWorkingDirectory ?? tmpdir();
  const variants: PictureVariant[] = [];
  for (const w of variantWidths(width)) {
    for (const { format, mime, ext, encode } of VARIANT_ENCODINGS) {
      const key = variantKey(format, w);
      const hash = `${key}_${file.hash}`;
      const filepath = path.join(folder, `${hash}${ext}`);
      // rotate(): upright by its EXIF orientation, as the original is shown.
      const info = await encode(sharp(source).rotate().resize({ width: w, withoutEnlargement: true })).toFile(filepath);
      variants.push({
        key,
        file: {
          name: `${key}_${file.name.replace(/\.[^.]+$/, '')}${ext}`,
          hash,
          ext,
          mime,
          path: file.path ?? null,
          width: info.width,
          height: info.height,
          size: Math.round((info.size / 1000) * 100) / 100,
          sizeInBytes: info.size,
          filepath,
          getStream: () => createReadStream(filepath),
        },
      });
    }
  }
  return variants;
}
