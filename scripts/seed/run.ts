import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { coverPng } from './png.ts';
import { REFERENCE_SHAPED_TITLE, stories, type SeedStory } from './stories.ts';
import { authors, categories, global, tags, videos } from './taxonomy.ts';

type Log = (line: string) => void;
type Uid =
  | 'api::article.article'
  | 'api::author.author'
  | 'api::category.category'
  | 'api::global.global'
  | 'api::tag.tag'
  | 'api::video.video';

/** What one seed run did, per content type. */
export interface SeedReport {
  created: Record<string, number>;
  skipped: Record<string, number>;
}

/**
 * Loads the sample newsroom through Strapi's Document Service, so lifecycles and the
 * article rules (story numbers, first-publication time) run exactly as for an editor.
 * Idempotent: every item is looked up by its natural key first and left alone if present.
 */
export async function seed(strapi: Core.Strapi, log: Log): Promise<SeedReport> {
  const report: SeedReport = { created: {}, skipped: {} };
  const count = (kind: 'created' | 'skipped', type: string) => {
    report[kind][type] = (report[kind][type] ?? 0) + 1;
  };
  const workDir = mkdtempSync(path.join(tmpdir(), 'newsroom-seed-'));
  const docs = (uid: Uid) => strapi.documents(uid as never) as unknown as DocumentApi;

  async function upload(name: string, alt: string, rgb: [number, number, number], n: number) {
    const filepath = path.join(workDir, `${name}.png`);
    const png = coverPng(640, 360, rgb, n);
    writeFileSync(filepath, png);
    const uploads = strapi.plugin('upload').service<UploadService>('upload');
    const [file] = await uploads.upload({
      data: { fileInfo: { name: `${name}.png`, alternativeText: alt, caption: alt } },
      files: { filepath, originalFilename: `${name}.png`, mimetype: 'image/png', size: png.length },
    });
    if (!file) throw new Error(`seed: the upload of ${name}.png returned no file`);
    return file.id;
  }

  /** Uploads a story's gallery pictures, one after another (the upload encodes each). */
  async function galleryOf(story: SeedStory, n: number) {
    const gallery = [];
    for (const [j, picture] of (story.gallery ?? []).entries()) {
      const rgb: [number, number, number] = [40 + ((j * 37) % 160), 90, 200 - ((j * 23) % 120)];
      gallery.push({
        image: await upload(`gallery-${n + 1}-${j + 1}`, picture.alt, rgb, n * 100 + j),
        caption: picture.caption,
        credit: picture.credit,
      });
    }
    return gallery;
  }

  /** A live coverage's entries, with their pictures uploaded. */
  async function liveEntriesOf(story: SeedStory, n: number) {
    const entries = [];
    for (const [j, entry] of (story.live?.entries ?? []).entries()) {
      entries.push({
        at: new Date(entry.at).toISOString(),
        text: entry.text,
        pinned: entry.pinned ?? false,
        picture: entry.picture
          ? await upload(`live-${n + 1}-${j + 1}`, entry.picture, [31, 64, 122], n * 100 + j)
          : null,
      });
    }
    return entries;
  }

  async function upsert(
    uid: Uid,
    type: string,
    filters: Record<string, unknown>,
    data: () => Promise<object> | object,
  ) {
    const existing = await docs(uid).findFirst({ filters, status: 'draft' });
    if (existing) {
      count('skipped', type);
      return existing.documentId;
    }
    const created = await docs(uid).create({ data: await data() });
    count('created', type);
    return created.documentId;
  }

  try {
    const categoryIds = new Map<string, string>();
    for (const c of categories) {
      const data = { slug: c.slug, name: c.name, order: c.order, description: c.description };
      categoryIds.set(c.slug, await upsert('api::category.category', 'category', { slug: c.slug }, () => data));
    }
    log(`categories ${categories.length}/${categories.length}`);

    const tagIds = new Map<string, string>();
    for (const t of tags) tagIds.set(t.slug, await upsert('api::tag.tag', 'tag', { slug: t.slug }, () => t));
    log(`tags ${tags.length}/${tags.length}`);

    const authorIds = new Map<string, string>();
    for (const a of authors)
      authorIds.set(a.slug, await upsert('api::author.author', 'author', { slug: a.slug }, () => a));
    log(`authors ${authors.length}/${authors.length}`);

    const videoIds = new Map<string, string>();
    for (const [i, v] of videos.entries()) {
      const { key, ...data } = v;
      videoIds.set(
        key,
        await upsert('api::video.video', 'video', { title: v.title }, async () => ({
          ...data,
          thumbnail: await upload(`video-${key}`, v.title, [60, 60, 60], i),
        })),
      );
    }
    log(`videos ${videos.length}/${videos.length}`);

    if (await docs('api::global.global').findFirst({})) count('skipped', 'global');
    else {
      await docs('api::global.global').create({ data: global });
      count('created', 'global');
    }
    log('global settings 1/1');

    const color = new Map(categories.map((c) => [c.slug, c.color]));
    const storyIds = new Map<string, string>();
    const fresh: SeedStory[] = [];
    for (const [i, s] of stories.entries()) {
      const existing = await docs('api::article.article').findFirst({ filters: { title: s.title }, status: 'draft' });
      if (existing) {
        storyIds.set(s.title, existing.documentId);
        count('skipped', 'article');
      } else {
        const created = await docs('api::article.article').create({
          status: s.draft ? 'draft' : 'published',
          data: {
            title: s.title,
            excerpt: s.excerpt,
            body: s.body.join('\n\n'),
            edition: s.edition ?? 'online',
            isBreaking: s.breaking ?? false,
            firstPublishedAt: s.at ? new Date(s.at).toISOString() : undefined,
            section: categoryIds.get(s.section),
            tags: s.tags.map((slug) => tagIds.get(slug)),
            authors: s.authors.map((slug) => authorIds.get(slug)),
            relatedVideos: (s.videos ?? []).map((key) => videoIds.get(key)),
            cover: {
              image: await upload(`cover-${i + 1}`, `ภาพประกอบข่าว ${s.title}`, color.get(s.section) ?? [90, 90, 90], i),
              caption: s.excerpt,
              credit: 'ภาพ: ฝ่ายภาพข่าวสยามรายวัน',
            },
            seo: { metaTitle: s.title.slice(0, 70), metaDescription: s.excerpt.slice(0, 160) },
            notes: (s.notes ?? []).map((note) => ({ ...note, at: new Date(note.at).toISOString() })),
            gallery: await galleryOf(s, i),
            liveState: s.live?.state ?? null,
            liveEntries: await liveEntriesOf(s, i),
          },
        });
        storyIds.set(s.title, created.documentId);
        fresh.push(s);
        count('created', 'article');
      }
      if ((i + 1) % 10 === 0 || i + 1 === stories.length) log(`stories ${i + 1}/${stories.length}`);
    }

    // Editor picks point at other stories, so they are linked once every story exists.
    for (const s of fresh.filter((x) => x.related?.length)) {
      const documentId = storyIds.get(s.title)!;
      const related = s.related!.map((title) => {
        const id = storyIds.get(title);
        if (!id) throw new Error(`seed: story "${s.title}" names an unknown related story "${title}"`);
        return id;
      });
      await docs('api::article.article').update({ documentId, data: { relatedStories: related } });
      if (!s.draft) await docs('api::article.article').publish({ documentId });
    }
    if (!storyIds.has(REFERENCE_SHAPED_TITLE)) throw new Error('seed: the reference-shaped story is missing');
    return report;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** The slice of Strapi's upload service the seed uses. */
interface UploadService {
  upload(params: object): Promise<{ id: number }[]>;
}

/** The slice of Strapi's Document Service the seed uses, typed loosely on purpose. */
interface DocumentApi {
  findFirst(params: object): Promise<{ documentId: string } | null>;
  create(params: object): Promise<{ documentId: string }>;
  update(params: object): Promise<{ documentId: string }>;
  publish(params: object): Promise<unknown>;
}
