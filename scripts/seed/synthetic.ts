import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { claimStoryNumbers } from '../../cms-schema/src/bootstrap/story-numbers.ts';
import { coverPng } from './png.ts';

// Fragments combined into synthetic stories for benchmarks; original text, clearly generic.
const SUBJECTS = ['ชุมชนริมน้ำ', 'สหกรณ์การเกษตร', 'โรงเรียนประจำตำบล', 'สภาเมือง', 'ตลาดสดเทศบาล', 'ทีมนักวิจัย', 'สมาคมผู้ค้า'];
const ACTIONS = ['เปิดโครงการใหม่', 'ประกาศแผนปรับปรุง', 'จัดเวทีรับฟังความเห็น', 'รายงานผลงานประจำปี', 'ขอรับงบสนับสนุน'];
const DETAILS = [
  'ผู้เกี่ยวข้องระบุว่าจะติดตามผลอย่างใกล้ชิดและรายงานต่อสาธารณะทุกเดือน',
  'ชาวบ้านหลายคนแสดงความเห็นด้วย แต่ขอให้เปิดเผยรายละเอียดค่าใช้จ่าย',
  'นักวิชาการมองว่าเป็นก้าวที่ดี หากดำเนินการต่อเนื่องและโปร่งใส',
  'หน่วยงานท้องถิ่นเตรียมประชุมร่วมกันอีกครั้งในสัปดาห์หน้า',
];

const ARTICLE = 'api::article.article';
const FIGURE = 'media.figure';
const FILE = 'plugin::upload.file';

/** Stories written per database transaction. */
const BATCH = 1000;

/** Distinct cover pictures the synthetic stories draw from, as a real archive has many. */
export const COVER_POOL = 1000;

/** Pictures uploaded (and encoded into their variants) at once: sharp keeps a core busy each. */
const UPLOAD_CONCURRENCY = 2;

/** What every synthetic headline carries, before its number: how the seed finds those it made. */
const MARK = 'ฉบับทดสอบที่';

/** What every pool picture's name begins with. */
const COVER_NAME = 'synthetic-cover-';

/**
 * The synthetic stories still to create, `from` (inclusive) to `to` (exclusive), for a seed asked
 * for stories `first` to `first + count` of an archive that has `existing` already (they are
 * created in order): SEED_SYNTHETIC_STORIES=N means "the archive has N", so a second run adds none.
 */
export function syntheticRange(existing: number, first: number, count: number): { from: number; to: number } {
  const to = first + count;
  return { from: Math.min(to, Math.max(first, existing)), to };
}

/** The pool pictures a story of the archive draws its cover from: story `i` takes picture `i mod pool`. */
export function coverPoolSize(archiveSize: number): number {
  return Math.max(1, Math.min(COVER_POOL, archiveSize));
}

/** A document id in the shape Strapi gives them: 24 lower-case letters and digits. */
function documentId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(24)].map((byte, i) => alphabet[byte % (i === 0 ? 26 : 36)]).join('');
}

interface UploadService {
  upload(params: object): Promise<{ id: number }[]>;
}

/**
 * The pool of cover pictures, `size` of them, uploaded through Strapi's upload service (so each
 * gets its AVIF and WebP variants, as an editor's upload does) where missing. Returns their ids.
 */
async function coverPool(strapi: Core.Strapi, size: number, log: (line: string) => void): Promise<number[]> {
  const files = strapi.db.query(FILE);
  const existing = (await files.findMany({
    where: { name: { $startsWith: COVER_NAME } },
    select: ['id', 'name'],
  })) as { id: number; name: string }[];
  const byIndex = new Map(existing.map((f) => [Number(/(\d+)\.png$/.exec(f.name)?.[1]), f.id]));
  const missing = Array.from({ length: size }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    log(`cover pool: uploading ${missing.length} of ${size} pictures`);
    const workDir = mkdtempSync(path.join(tmpdir(), 'newsroom-covers-'));
    const uploads = strapi.plugin('upload').service<UploadService>('upload');
    const started = performance.now();
    const total = missing.length;
    let done = 0;
    try {
      const next = async (): Promise<void> => {
        const i = missing.shift();
        if (i === undefined) return;
        const name = `${COVER_NAME}${i}.png`;
        const filepath = path.join(workDir, name);
        // A colour of its own for each: distinct pictures, not one file copied.
        const png = coverPng(640, 360, [40 + ((i * 37) % 180), 60 + ((i * 91) % 160), 80 + ((i * 53) % 150)], i);
        writeFileSync(filepath, png);
        const [file] = await uploads.upload({
          data: { fileInfo: { name, alternativeText: `ภาพประกอบข่าวทดสอบ ${i + 1}`, caption: null } },
          files: { filepath, originalFilename: name, mimetype: 'image/png', size: png.length },
        });
        if (!file) throw new Error(`seed: the upload of ${name} returned no file`);
        byIndex.set(i, file.id);
        rmSync(filepath);
        done++;
        if (done % 100 === 0) {
          const rate = done / ((performance.now() - started) / 1000);
          log(`cover pool ${done}/${total} (${rate.toFixed(1)} pictures/s)`);
        }
        return next();
      };
      await Promise.all(Array.from({ length: UPLOAD_CONCURRENCY }, next));
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  return Array.from({ length: size }, (_, i) => byIndex.get(i)!);
}

type Knex = Core.Strapi['db']['connection'];

/** A relation's join table as Strapi's database metadata describes it. */
interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn?: { name: string };
  orderColumnName?: string;
  inverseOrderColumnName?: string;
  morphColumn?: { typeColumn: { name: string }; idColumn: { name: string } };
}

function joinTable(strapi: Core.Strapi, uid: string, attribute: string): JoinTable {
  const table = (strapi.db.metadata.get(uid).attributes[attribute] as { joinTable?: JoinTable }).joinTable;
  if (!table) throw new Error(`seed: ${uid}.${attribute} has no join table in Strapi's metadata`);
  return table;
}

/**
 * Creates published synthetic stories so that SEED_SYNTHETIC_STORIES=`count` (from story `first`)
 * means the archive has them (for the benchmarks), spread over the existing sections, one an hour
 * back in time, each with a cover from a pool of {@link COVER_POOL} uploaded pictures.
 *
 * At 100,000 stories the Document Service (about 30 stories a second here) took an hour, so this
 * writes the rows the Document Service would write, a thousand stories per transaction, through
 * Strapi's query engine and its own metadata: for each story a draft and a published row sharing
 * its document id, each with its section link and its own cover component linked to the picture.
 * The article rules still hold: story numbers are claimed from the newsroom's counter (one block
 * per batch, never reused), and every story has its first-publication time.
 */
export async function seedSynthetic(
  strapi: Core.Strapi,
  count: number,
  log: (line: string) => void,
  first = 0,
): Promise<void> {
  const sections = (await strapi.db.query('api::category.category').findMany({ select: ['id'] })) as { id: number }[];
  if (sections.length === 0) throw new Error('seed: synthetic stories need the sample sections first');
  const existing = await strapi.db.query(ARTICLE).count({ where: { title: { $contains: MARK }, publishedAt: null } });
  const range = syntheticRange(existing, first, count);
  const end = range.to;
  if (range.from > first) log(`synthetic stories: the archive has ${existing}; creating ${end - range.from} more`);
  if (range.from >= end) return;
  const pool = await coverPool(strapi, coverPoolSize(end), log);

  const knex = strapi.db.connection;

  const section = joinTable(strapi, ARTICLE, 'section');
  const cover = joinTable(strapi, ARTICLE, 'cover');
  // A picture's links to what shows it (a figure's image among them) are the file's morph table.
  const image = joinTable(strapi, FILE, 'related');
  const start = Date.parse('2026-11-01T00:00:00Z');
  const started = performance.now();
  for (let from = range.from; from < end; from += BATCH) {
    const batch = Array.from({ length: Math.min(end, from + BATCH) - from }, (_, k) => from + k);
    await strapi.db.transaction(
      async ({ trx }: { trx: Parameters<ReturnType<Knex['batchInsert']>['transacting']>[0] }) => {
        const firstNumber = await claimStoryNumbers(strapi, batch.length);
        const now = new Date();
        const stories = batch.map((i, k) => {
          const subject = SUBJECTS[i % SUBJECTS.length]!;
          const action = ACTIONS[i % ACTIONS.length]!;
          const firstPublishedAt = new Date(start - i * 3_600_000);
          return {
            i,
            fields: {
              documentId: documentId(),
              title: `${subject}${action} ${MARK} ${i + 1}`,
              excerpt: `${subject}${action}`,
              body: [0, 1, 2].map((n) => DETAILS[(i + n) % DETAILS.length]).join('\n\n'),
              edition: 'online',
              isBreaking: false,
              storyNumber: firstNumber + k,
              firstPublishedAt,
              createdAt: now,
              updatedAt: now,
            },
          };
        });
        // The draft and the published version of each story, in that order.
        const rows = stories.flatMap((s) => [
          { ...s.fields, publishedAt: null },
          { ...s.fields, publishedAt: s.fields.firstPublishedAt },
        ]);
        // Row r is a version of story r >> 1.
        const storyOf = (r: number) => stories[r >> 1]!.i;
        const { ids } = await strapi.db.query(ARTICLE).createMany({ data: rows });
        const figures = await strapi.db.query(FIGURE).createMany({
          data: rows.map((_, r) => ({ caption: 'ภาพประกอบข่าวทดสอบ', credit: `ภาพ: ทดสอบ ${storyOf(r) + 1}` })),
        });
        const insert = (table: string, links: Record<string, unknown>[]) =>
          knex.batchInsert(table, links, 500).transacting(trx);
        await insert(
          section.name,
          ids.map((id, r) => ({
            [section.joinColumn.name]: id,
            [section.inverseJoinColumn!.name]: sections[storyOf(r) % sections.length]!.id,
            ...(section.inverseOrderColumnName ? { [section.inverseOrderColumnName]: storyOf(r) + 1 } : {}),
          })),
        );
        await insert(
          cover.name,
          ids.map((id, r) => ({
            [cover.joinColumn.name]: id,
            [cover.inverseJoinColumn!.name]: figures.ids[r],
            component_type: FIGURE,
            field: 'cover',
            ...(cover.orderColumnName ? { [cover.orderColumnName]: 1 } : {}),
          })),
        );
        await insert(
          image.name,
          figures.ids.map((figureId, r) => ({
            [image.joinColumn.name]: pool[storyOf(r) % pool.length],
            [image.morphColumn!.idColumn.name]: figureId,
            [image.morphColumn!.typeColumn.name]: FIGURE,
            field: 'image',
            order: 1,
          })),
        );
      },
    );
    const done = Math.min(end, from + BATCH);
    if (done % 5000 === 0 || done === end) {
      const rate = (done - range.from) / ((performance.now() - started) / 1000);
      log(`synthetic stories ${done}/${end} (${rate.toFixed(0)} a second)`);
    }
  }
}
