/**
 * A picture as pages draw it: the variants made at upload (cms-schema/src/picture-variants.ts)
 * as `<source>` sets, best encoding first, and the original as the `<img>` fallback. Nothing
 * is encoded or fetched here: a site build does no image work. A picture without variants (an
 * upload the backfill has not reached, a variant the CMS lost) is drawn from its original.
 */

/** An upload as the CMS client returns it (generated schemas). */
export interface UploadedImage {
  url: string;
  alternativeText: string | null;
  width: number | null;
  height: number | null;
  formats?: Record<string, { url: string; mime: string; width: number | null; height: number | null }> | null;
}

/** What `<picture>` needs. */
export interface PictureSources {
  /** One `<source>` per encoding, best first, each with its widths. */
  sources: { type: string; srcset: string }[];
  /** The original: the `<img>` of a browser that takes no source. */
  src: string;
}

/** The encodings of the variants, best first (a browser takes the first it supports). */
const ENCODINGS = ['image/avif', 'image/webp'];
const VARIANT_KEY = /^(avif|webp)_(\d+)$/;

/**
 * Where readers fetch an upload: a bucket's files by their absolute http(s) URL, the CMS's own
 * (`/uploads/…`) from the site itself (the site server serves them). Anything else is no upload
 * URL and yields null.
 */
export function uploadSrc(url: string): string | null {
  if (/^https?:\/\//i.test(url)) return url;
  return url.startsWith('/uploads/') && !url.includes('..') ? url : null;
}

/**
 * An upload's absolute URL, for what leaves the page (social cards, structured data, partner
 * feeds): its {@link uploadSrc} against the site's URL; null when it is no upload URL.
 */
export function absoluteUploadSrc(url: string, site: URL | string): string | null {
  const src = uploadSrc(url);
  return src ? new URL(src, site).href : null;
}

/**
 * The formats of an upload that pages draw: its variants. Strapi also keeps a `thumbnail` of
 * every picture for the admin's media library, which no page shows; the content layer leaves it
 * out (generated/schemas.ts), as it would be one more object per story in the store a build
 * writes and reads back.
 */
export function pageVariants<F>(formats: Record<string, F>): Record<string, F> {
  return Object.fromEntries(Object.entries(formats).filter(([key]) => VARIANT_KEY.test(key)));
}

/** The `<picture>` of `image`, or null when its URL is not an upload's. */
export function pictureSources(image: UploadedImage): PictureSources | null {
  const src = uploadSrc(image.url);
  if (!src) return null;
  const byType = new Map<string, { width: number; url: string }[]>();
  for (const [key, variant] of Object.entries(image.formats ?? {})) {
    const match = VARIANT_KEY.exec(key);
    const url = uploadSrc(variant.url);
    if (!match || !url || !ENCODINGS.includes(variant.mime)) continue;
    const width = variant.width ?? Number(match[2]);
    byType.set(variant.mime, [...(byType.get(variant.mime) ?? []), { width, url }]);
  }
  const sources = ENCODINGS.flatMap((type) => {
    const variants = (byType.get(type) ?? []).sort((a, b) => a.width - b.width);
    return variants.length ? [{ type, srcset: variants.map((v) => `${v.url} ${v.width}w`).join(', ') }] : [];
  });
  return { sources, src };
}
