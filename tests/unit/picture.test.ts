import { describe, expect, it } from 'vitest';
import { absoluteUploadSrc, pageVariants, pictureSources, uploadSrc, type UploadedImage } from '../../src/lib/picture';
import { articleSchema } from '../../src/lib/server/cms/generated/schemas';
import { variantKey, variantWidths } from '../../cms-schema/src/picture-variants';

const variant = (format: 'avif' | 'webp', width: number, base = '/uploads') => ({
  url: `${base}/${variantKey(format, width)}_cover_abc.${format}`,
  mime: `image/${format}`,
  width,
  height: Math.round((width * 9) / 16),
});

const cover = (formats: UploadedImage['formats'] | undefined, url = '/uploads/cover_abc.png'): UploadedImage => ({
  url,
  alternativeText: 'ภาพ',
  width: 1600,
  height: 900,
  formats: formats ?? null,
});

describe('uploadSrc', () => {
  it.each([
    ['/uploads/cover_abc.png', '/uploads/cover_abc.png'],
    ['https://media.example.co.th/newsroom/cover_abc.png', 'https://media.example.co.th/newsroom/cover_abc.png'],
    ['/uploads/../.env', null],
    ['/admin/secret.png', null],
    ['javascript:alert(1)', null],
    ['//evil.example/x.png', null],
  ])('%s → %s', (url, expected) => {
    expect(uploadSrc(url)).toBe(expected);
  });
});

describe('absoluteUploadSrc', () => {
  it.each([
    ['/uploads/cover_abc.png', 'https://news.example.co.th/uploads/cover_abc.png'],
    ['https://media.example.co.th/cover_abc.png', 'https://media.example.co.th/cover_abc.png'],
    ['/uploads/../.env', null],
    ['javascript:alert(1)', null],
  ])('%s → %s', (url, expected) => {
    expect(absoluteUploadSrc(url, new URL('https://news.example.co.th/news/politics/3'))).toBe(expected);
  });
});

describe('pictureSources', () => {
  it('lists the AVIF variants first, then WebP, each by width, with the original as the fallback', () => {
    const formats = Object.fromEntries(
      [
        variant('webp', 1080),
        variant('avif', 720),
        variant('avif', 360),
        variant('webp', 360),
        variant('webp', 720),
        variant('avif', 1080),
      ].map((v) => [/(avif|webp)_\d+/.exec(v.url)![0], v]),
    );
    expect(
      pictureSources(
        cover({
          ...formats,
          thumbnail: { url: '/uploads/thumbnail_cover_abc.png', mime: 'image/png', width: 245, height: 138 },
        }),
      ),
    ).toEqual({
      src: '/uploads/cover_abc.png',
      sources: [
        {
          type: 'image/avif',
          srcset:
            '/uploads/avif_360_cover_abc.avif 360w, /uploads/avif_720_cover_abc.avif 720w, /uploads/avif_1080_cover_abc.avif 1080w',
        },
        {
          type: 'image/webp',
          srcset:
            '/uploads/webp_360_cover_abc.webp 360w, /uploads/webp_720_cover_abc.webp 720w, /uploads/webp_1080_cover_abc.webp 1080w',
        },
      ],
    });
  });

  it.each([
    ['no variants yet (before the backfill)', null],
    ['an empty set', {}],
    [
      'only the media library thumbnail',
      { thumbnail: { url: '/uploads/t.png', mime: 'image/png', width: 245, height: 138 } },
    ],
    [
      'a variant whose URL is no upload',
      { avif_360: { url: 'javascript:alert(1)', mime: 'image/avif', width: 360, height: 203 } },
    ],
  ])('draws the original alone with %s', (_, formats) => {
    expect(pictureSources(cover(formats))).toEqual({ src: '/uploads/cover_abc.png', sources: [] });
  });

  it('keeps bucket URLs absolute and refuses an image whose URL is no upload', () => {
    const base = 'https://media.example.co.th/newsroom';
    const picture = pictureSources(cover({ avif_360: variant('avif', 360, base) }, `${base}/cover_abc.png`));
    expect(picture?.sources[0]?.srcset).toBe(`${base}/avif_360_cover_abc.avif 360w`);
    expect(pictureSources(cover(null, 'file:///etc/passwd'))).toBeNull();
  });
});

describe('pageVariants', () => {
  const thumbnail = { url: '/uploads/thumbnail_cover_abc.png', mime: 'image/png', width: 245, height: 138 };
  it.each([
    { formats: {}, kept: [] },
    { formats: { thumbnail }, kept: [] },
    {
      formats: { thumbnail, avif_360: variant('avif', 360), webp_360: variant('webp', 360) },
      kept: ['avif_360', 'webp_360'],
    },
    // Strapi's own responsive sizes, were they switched on: no page draws them either.
    { formats: { small: thumbnail, large: thumbnail, webp_1080: variant('webp', 1080) }, kept: ['webp_1080'] },
  ])('keeps $kept', ({ formats, kept }) => {
    const result = pageVariants(formats as Record<string, unknown>);
    expect(Object.keys(result)).toEqual(kept);
    for (const key of kept) expect(result[key]).toBe((formats as Record<string, unknown>)[key]);
  });

  it('is how a story is validated: the content layer stores no thumbnail and no row ids', () => {
    const image = {
      id: 9,
      documentId: 'upload-1',
      url: '/uploads/cover_abc.png',
      alternativeText: 'ภาพ',
      width: 1600,
      height: 900,
      formats: { thumbnail, avif_360: variant('avif', 360) },
    };
    const cover = articleSchema.shape.cover.parse({ id: 3, image, caption: null, credit: null });
    expect(cover).toEqual({
      image: {
        url: image.url,
        alternativeText: 'ภาพ',
        width: 1600,
        height: 900,
        formats: { avif_360: variant('avif', 360) },
      },
      caption: null,
      credit: null,
    });
  });
});

describe('variantWidths', () => {
  it.each([
    [1600, [360, 720, 1080]],
    [1080, [360, 720, 1080]],
    [800, [360, 720, 800]],
    [360, [360]],
    [200, [200]],
    [0, []],
  ])('a picture %i px wide gets variants %j', (width, expected) => {
    expect(variantWidths(width)).toEqual(expected);
  });
});
