import type { Core } from '@strapi/strapi';

/** A field's Thai label in the admin's edit view, and the hint under it. */
type Label = string | { label: string; description: string };

/**
 * Thai labels and hints for what editors fill in on a story and its components. Strapi keeps
 * edit-view labels in its database (the content manager's "configure the view"), not in the
 * schema; they are set again at every start, so a fresh CMS and an old one read the same.
 */
const LABELS: Record<string, Record<string, Label>> = {
  'api::article.article': {
    title: 'หัวข้อข่าว',
    excerpt: { label: 'คำโปรย', description: 'ไม่เกิน 300 ตัวอักษร แสดงในรายการข่าวและผลการค้นหา' },
    body: {
      label: 'เนื้อข่าว',
      description:
        'Markdown — ฝังโพสต์ YouTube, Facebook, X, TikTok หรือ Instagram ได้ด้วยการวางลิงก์ของโพสต์ไว้บรรทัดเดียว (ตามด้วยชื่อคลิปได้)',
    },
    cover: 'ภาพปก',
    gallery: {
      label: 'ภาพชุด (แกลเลอรี)',
      description: 'เรียงตามลำดับที่ต้องการ ทุกภาพต้องมีคำอธิบายภาพ (alternative text) ในคลังสื่อ',
    },
    section: 'หมวดข่าว',
    tags: 'แท็ก',
    authors: 'ผู้เขียน',
    edition: 'ฉบับ',
    scheduledAt: { label: 'เวลาเผยแพร่ล่วงหน้า', description: 'ตามเวลาของเครื่องที่ใช้ (เวลาประเทศไทย)' },
    relatedVideos: 'วิดีโอแนะนำ',
    relatedStories: 'อ่านเพิ่มเติม',
    isBreaking: 'ข่าวด่วน',
    notes: { label: 'การแก้ไขและอัปเดต', description: 'บันทึกที่ผู้อ่านเห็นใต้ข่าว พร้อมวันเวลา' },
    liveState: {
      label: 'สถานะรายงานสด',
      description: 'เว้นว่างสำหรับข่าวทั่วไป — live ระหว่างรายงาน, ended เมื่อจบการรายงาน',
    },
    liveEntries: { label: 'รายการรายงานสด', description: 'แต่ละรายการมีเวลาและข้อความ ปักหมุดรายการสำคัญไว้ด้านบนได้' },
    seo: 'การแสดงผลในเสิร์ชเอนจินและโซเชียล',
  },
  'story.live-entry': { at: 'เวลา', text: 'ข้อความ', picture: 'ภาพ', pinned: 'ปักหมุด' },
  'story.note': { kind: 'ประเภท (แก้ไข/อัปเดต)', at: 'วันและเวลา', text: 'ข้อความ' },
  'media.figure': { image: 'ภาพ', caption: 'คำบรรยายภาพ', credit: 'เครดิตภาพ' },
};

/** The content manager's configuration services, typed as far as they are used here. */
interface ConfigurationService {
  findConfiguration(
    model: unknown,
  ): Promise<{ settings: unknown; layouts: unknown; metadatas: Record<string, { edit?: Record<string, unknown> }> }>;
  updateConfiguration(model: unknown, configuration: object): Promise<unknown>;
}

/** Sets the Thai labels and hints of LABELS in the admin's edit views. */
export async function provisionAdminLabels(strapi: Core.Strapi): Promise<void> {
  const contentManager = strapi.plugin('content-manager');
  for (const [uid, fields] of Object.entries(LABELS)) {
    const component = !uid.startsWith('api::');
    const service = contentManager.service(component ? 'components' : 'content-types') as ConfigurationService;
    const model = component ? strapi.components[uid as never] : strapi.contentTypes[uid as never];
    if (!model) throw new Error(`admin labels: no model ${uid}`);
    const { settings, layouts, metadatas } = await service.findConfiguration(model);
    for (const [field, label] of Object.entries(fields)) {
      const edit = metadatas[field]?.edit;
      if (!edit) throw new Error(`admin labels: ${uid} has no field ${field}`);
      edit['label'] = typeof label === 'string' ? label : label.label;
      if (typeof label !== 'string') edit['description'] = label.description;
    }
    await service.updateConfiguration(model, { settings, layouts, metadatas });
  }
}
