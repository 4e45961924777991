import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { embedProblems } from '../embeds';
import { nextStoryNumber } from './story-numbers';

const ARTICLE = 'api::article.article';
const SECTION_REQUIRED = 'ต้องเลือกหมวดข่าว (section) ก่อนเผยแพร่';
/** The longest excerpt: it is the teaser on lists and the meta description's source. */
export const EXCERPT_MAX = 300;
const excerptTooLong = (length: number) => `คำโปรย (excerpt) ยาวได้ไม่เกิน ${EXCERPT_MAX} ตัวอักษร ตอนนี้ยาว ${length} ตัวอักษร`;
const COVER_ALT_REQUIRED =
  'ภาพปกต้องมีคำอธิบายภาพ (alternative text) สำหรับผู้อ่านที่ใช้โปรแกรมอ่านหน้าจอ ก่อนเผยแพร่ — แก้ได้ในคลังสื่อ (Media Library)';

/** How far ahead of the clock a note may be dated (an editor's clock, a slow save). */
const NOTE_CLOCK_SLACK_MS = 5 * 60_000;

/** A date-time field as saved (a Date or an ISO string) in ms, NaN when missing or malformed. */
function timeOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
}

/**
 * What is wrong with a story's corrections and updates (the `notes` component), as Thai messages
 * naming the note: each needs text and a date-time that is not in the future. Checked on every
 * save, before Strapi's own checks, so the editor reads the reason in Thai.
 */
export function noteProblems(notes: unknown, now = Date.now()): string[] {
  if (!Array.isArray(notes)) return [];
  return notes.flatMap((note: { text?: unknown; at?: unknown } | null, i) => {
    const which = `หมายเหตุการแก้ไข/อัปเดต (notes) รายการที่ ${i + 1}`;
    const problems: string[] = [];
    if (typeof note?.text !== 'string' || note.text.trim() === '') problems.push(`${which} ต้องมีข้อความ (text)`);
    const at = timeOf(note?.at);
    if (Number.isNaN(at)) problems.push(`${which} ต้องระบุวันและเวลา (at)`);
    else if (at > now + NOTE_CLOCK_SLACK_MS) problems.push(`${which} ลงวันและเวลาในอนาคตไม่ได้`);
    return problems;
  });
}

/**
 * What is wrong with a live coverage (`liveState` and the `liveEntries` component), as Thai
 * messages naming the entry: each entry needs text and a date-time that is not in the future,
 * its posts must be ones the site can embed, and entries need the coverage's state. Checked on
 * every save, like the notes.
 */
export function liveProblems(
  data: { liveState?: unknown; liveEntries?: unknown } | undefined,
  now = Date.now(),
): string[] {
  const entries = data?.liveEntries;
  if (!Array.isArray(entries)) return [];
  const problems: string[] = [];
  if ('liveState' in data! && !data!.liveState && entries.length > 0) {
    problems.push('มีรายการรายงานสด (liveEntries) แต่ยังไม่ได้เลือกสถานะรายงานสด (liveState) ว่า "live" หรือ "ended"');
  }
  entries.forEach((entry: { text?: unknown; at?: unknown } | null, i) => {
    const which = `รายงานสด (liveEntries) รายการที่ ${i + 1}`;
    if (typeof entry?.text !== 'string' || entry.text.trim() === '') problems.push(`${which} ต้องมีข้อความ (text)`);
    else
      problems.push(
        ...embedProblems(entry.text).map((problem) => `${which}: ${problem.replace(/^เนื้อข่าว \(body\) /, '')}`),
      );
    const at = timeOf(entry?.at);
    if (Number.isNaN(at)) problems.push(`${which} ต้องระบุวันและเวลา (at)`);
    else if (at > now + NOTE_CLOCK_SLACK_MS) problems.push(`${which} ลงวันและเวลาในอนาคตไม่ได้`);
  });
  return problems;
}

/** A draft as the publish checks read it. */
interface PublishCandidate {
  section?: unknown;
  excerpt?: string | null;
  cover?: { image?: PictureInfo | null } | null;
  gallery?: { image?: PictureInfo | null }[] | null;
  notes?: unknown;
}

/** What the alt-text check reads of an upload. */
interface PictureInfo {
  alternativeText?: string | null;
  name?: string | null;
}

/** An upload's alt text describes it: empty, or just the file name, is not enough. */
function describes(image: PictureInfo): boolean {
  const alt = image.alternativeText?.trim() ?? '';
  const fileName = image.name ?? '';
  return alt !== '' && alt !== fileName && alt !== fileName.replace(/\.[^.]+$/, '');
}

const galleryAltRequired = (position: number) =>
  `ภาพในแกลเลอรี (gallery) ภาพที่ ${position} ต้องมีคำอธิบายภาพ (alternative text) สำหรับผู้อ่านที่ใช้โปรแกรมอ่านหน้าจอ ก่อนเผยแพร่ — แก้ได้ในคลังสื่อ (Media Library)`;

/**
 * What keeps a story from being published, as Thai messages for the editor; empty when it
 * may go live. The alt text of a cover and of every gallery picture must describe it.
 */
export function publishProblems(story: PublishCandidate): string[] {
  const problems: string[] = [];
  if (!hasSection(story.section)) problems.push(SECTION_REQUIRED);
  if (story.excerpt && story.excerpt.length > EXCERPT_MAX) problems.push(excerptTooLong(story.excerpt.length));
  const image = story.cover?.image;
  if (image && !describes(image)) problems.push(COVER_ALT_REQUIRED);
  (story.gallery ?? []).forEach((figure, i) => {
    if (figure?.image && !describes(figure.image)) problems.push(galleryAltRequired(i + 1));
  });
  problems.push(...noteProblems(story.notes));
  return problems;
}

// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** The text fields a story is read by: pages, feeds, sitemaps, search. */
const TEXT_FIELDS = ['title', 'excerpt', 'body'] as const;

/**
 * Text as pasted from a word processor, without the control characters no page or feed can
 * carry (a U+000B soft line break in one headline made every RSS reader reject the feed).
 * Line and page breaks become spaces in one-line fields and line breaks in the body.
 */
export function cleanStoryText(field: (typeof TEXT_FIELDS)[number], text: string): string {
  const lineBreak = field === 'body' ? '\n' : ' ';
  return text.replace(CONTROL, (c) => (c === '\u000B' || c === '\u000C' ? lineBreak : ''));
}

function refuse(problems: string[]): void {
  if (problems.length > 0) {
    throw new errors.ValidationError(problems.join(' · '), { errors: problems.map((message) => ({ message })) });
  }
}
/** Finds the story number a document already has, in any of its versions. */
async function existingStoryNumber(strapi: Core.Strapi, documentId: string): Promise<number | null> {
  const row = await strapi.db.query(ARTICLE).findOne({
    select: ['storyNumber'],
    where: { documentId, storyNumber: { $notNull: true } },
  });
  return row?.storyNumber ?? null;
}

function hasSection(section: unknown): boolean {
  if (section === null || section === undefined) return false;
  if (Array.isArray(section)) return section.length > 0;
  if (typeof section === 'object') {
    const { connect, set } = section as { connect?: unknown[]; set?: unknown[] };
    const list = set ?? connect;
    return list === undefined || list.length > 0;
  }
  return true;
}

/**
 * Article rules enforced in the Document Service, so they hold for the admin, the REST
 * API and scripts alike: the story number is assigned at creation and never changes,
 * a story cannot be published without a section, and its first publication time is kept.
 */
export function registerArticleRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE) return next();
    const params = context.params as {
      documentId?: string;
      status?: string;
      data?: Record<string, unknown>;
    };

    if (params.data) {
      for (const field of TEXT_FIELDS) {
        const value = params.data[field];
        if (typeof value === 'string') params.data[field] = cleanStoryText(field, value);
      }
    }

    // The excerpt limit is checked on every save, here rather than as the schema's
    // maxLength, so that editors get the reason in Thai from the admin and the API alike.
    const excerpt = params.data?.excerpt;
    if (typeof excerpt === 'string' && excerpt.length > EXCERPT_MAX) refuse([excerptTooLong(excerpt.length)]);
    refuse(noteProblems(params.data?.notes));
    // A URL alone on a line is the embed syntax: one the site cannot embed is refused on save.
    refuse(embedProblems(params.data?.body));
    refuse(liveProblems(params.data));

    if (context.action === 'create' || context.action === 'clone') {
      params.data = { ...params.data, storyNumber: await nextStoryNumber(strapi) };
      if (params.status === 'published') {
        // A cover given by id at creation cannot be inspected here; section and excerpt can.
        refuse(publishProblems({ section: params.data.section, excerpt: params.data.excerpt as string | null }));
        params.data.firstPublishedAt ??= new Date().toISOString();
      }
    }

    if (context.action === 'update' && params.documentId && params.data) {
      const current = await existingStoryNumber(strapi, params.documentId);
      params.data = { ...params.data, storyNumber: current ?? (await nextStoryNumber(strapi)) };
    }

    if (context.action === 'publish' && params.documentId) {
      const draft = await strapi.documents(ARTICLE).findOne({
        documentId: params.documentId,
        status: 'draft',
        populate: {
          section: { fields: ['id'] },
          cover: { populate: { image: { fields: ['alternativeText', 'name'] } } },
          gallery: { populate: { image: { fields: ['alternativeText', 'name'] } } },
          notes: true,
        },
      });
      if (draft) refuse(publishProblems(draft as PublishCandidate));
      // Strapi moves its own publishedAt on every re-publish; a newsroom dates a story by
      // its first publication, so that is recorded once, on the draft the publish copies.
      await strapi.db.query(ARTICLE).updateMany({
        where: { documentId: params.documentId, firstPublishedAt: { $null: true } },
        data: { firstPublishedAt: new Date() },
      });
    }

    return next();
  });
}
