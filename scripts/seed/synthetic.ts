import type { Core } from '@strapi/strapi';

// Fragments combined into synthetic stories for benchmarks; original text, clearly generic.
const SUBJECTS = ['ชุมชนริมน้ำ', 'สหกรณ์การเกษตร', 'โรงเรียนประจำตำบล', 'สภาเมือง', 'ตลาดสดเทศบาล', 'ทีมนักวิจัย', 'สมาคมผู้ค้า'];
const ACTIONS = ['เปิดโครงการใหม่', 'ประกาศแผนปรับปรุง', 'จัดเวทีรับฟังความเห็น', 'รายงานผลงานประจำปี', 'ขอรับงบสนับสนุน'];
const DETAILS = [
  'ผู้เกี่ยวข้องระบุว่าจะติดตามผลอย่างใกล้ชิดและรายงานต่อสาธารณะทุกเดือน',
  'ชาวบ้านหลายคนแสดงความเห็นด้วย แต่ขอให้เปิดเผยรายละเอียดค่าใช้จ่าย',
  'นักวิชาการมองว่าเป็นก้าวที่ดี หากดำเนินการต่อเนื่องและโปร่งใส',
  'หน่วยงานท้องถิ่นเตรียมประชุมร่วมกันอีกครั้งในสัปดาห์หน้า',
];

/** Stories created per database transaction. */
const BATCH = 250;

/** What every synthetic headline carries, before its number: how the seed finds those it made. */
const MARK = 'ฉบับทดสอบที่';

/**
 * The synthetic stories still to create, `from` (inclusive) to `to` (exclusive), for a seed asked
 * for stories `first` to `first + count` of an archive that has `existing` already (they are
 * created in order): SEED_SYNTHETIC_STORIES=N means "the archive has N", so a second run adds none.
 */
export function syntheticRange(existing: number, first: number, count: number): { from: number; to: number } {
  const to = first + count;
  return { from: Math.min(to, Math.max(first, existing)), to };
}

/**
 * Creates `count` published synthetic stories, the `first` + 1st on (for `npm run
 * bench:publish`), spread over the existing sections and one story an hour back in time. Goes
 * through the Document Service like the sample seed, so story numbers and rules apply.
 */
export async function seedSynthetic(
  strapi: Core.Strapi,
  count: number,
  log: (line: string) => void,
  first = 0,
): Promise<void> {
  const sections = await strapi.documents('api::category.category').findMany({ fields: ['documentId'] });
  if (sections.length === 0) throw new Error('seed: synthetic stories need the sample sections first');
  const start = Date.parse('2026-11-01T00:00:00Z');
  const existing = await strapi
    .documents('api::article.article')
    .count({ filters: { title: { $contains: MARK } } } as never);
  const range = syntheticRange(existing, first, count);
  const end = range.to;
  if (range.from > first) log(`synthetic stories: the archive has ${existing}; creating ${end - range.from} more`);
  for (let from = range.from; from < end; from += BATCH) {
    // One transaction per batch: committing every story on its own seeded about half as fast
    // (2,000 stories: ~18 a second against ~33), 90 minutes for a 100,000-story benchmark.
    await strapi.db.transaction(async () => {
      for (let i = from; i < Math.min(end, from + BATCH); i++) {
        const subject = SUBJECTS[i % SUBJECTS.length]!;
        const action = ACTIONS[i % ACTIONS.length]!;
        await strapi.documents('api::article.article').create({
          status: 'published',
          data: {
            title: `${subject}${action} ${MARK} ${i + 1}`,
            excerpt: `${subject}${action}`,
            body: [0, 1, 2].map((k) => DETAILS[(i + k) % DETAILS.length]).join('\n\n'),
            edition: 'online',
            isBreaking: false,
            firstPublishedAt: new Date(start - i * 3_600_000).toISOString(),
            section: sections[i % sections.length]!.documentId,
          },
        } as never);
      }
    });
    const done = Math.min(end, from + BATCH);
    if (done % 1000 === 0 || done === end) log(`synthetic stories ${done}/${end}`);
  }
}
