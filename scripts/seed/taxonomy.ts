/**
 * Sample newsroom: sections, tags, authors, videos and site settings. Every text here is
 * original, written for this project; names of people and places are fictional.
 */

/** A section of the paper; `color` tints its generated cover images. */
export interface SeedCategory {
  slug: string;
  name: string;
  order: number;
  description: string;
  color: [number, number, number];
}

export const categories: SeedCategory[] = [
  { slug: 'news', name: 'ข่าว', order: 0, description: 'ข่าวทั่วไปและข่าวหน้าหนึ่ง', color: [176, 30, 45] },
  { slug: 'politics', name: 'การเมือง', order: 1, description: 'ข่าวการเมือง รัฐสภา และนโยบายรัฐ', color: [31, 64, 122] },
  {
    slug: 'economy',
    name: 'เศรษฐกิจ',
    order: 2,
    description: 'ข่าวเศรษฐกิจ การเงิน การค้า และการลงทุน',
    color: [20, 110, 70],
  },
  { slug: 'world', name: 'ต่างประเทศ', order: 3, description: 'ข่าวจากทั่วโลก', color: [90, 60, 140] },
  { slug: 'sports', name: 'กีฬา', order: 4, description: 'ข่าวกีฬาไทยและกีฬาโลก', color: [200, 110, 20] },
  {
    slug: 'entertainment',
    name: 'บันเทิง',
    order: 5,
    description: 'ข่าวบันเทิง ภาพยนตร์ ดนตรี และศิลปะ',
    color: [190, 50, 130],
  },
  {
    slug: 'technology',
    name: 'เทคโนโลยี',
    order: 6,
    description: 'ข่าวเทคโนโลยี ดิจิทัล และวิทยาศาสตร์',
    color: [30, 120, 150],
  },
];

/** A topic label. */
export interface SeedTag {
  slug: string;
  name: string;
}

export const tags: SeedTag[] = [
  { slug: 'flood', name: 'น้ำท่วม' },
  { slug: 'budget', name: 'งบประมาณ' },
  { slug: 'election', name: 'เลือกตั้ง' },
  { slug: 'rice', name: 'ข้าว' },
  { slug: 'tourism', name: 'ท่องเที่ยว' },
  { slug: 'football', name: 'ฟุตบอล' },
  { slug: 'ai', name: 'ปัญญาประดิษฐ์' },
  { slug: 'startup', name: 'สตาร์ทอัพ' },
  { slug: 'education', name: 'การศึกษา' },
  { slug: 'health', name: 'สุขภาพ' },
  { slug: 'environment', name: 'สิ่งแวดล้อม' },
  { slug: 'film', name: 'ภาพยนตร์' },
  { slug: 'music', name: 'ดนตรี' },
  { slug: 'asean', name: 'อาเซียน' },
];

/** A journalist. */
export interface SeedAuthor {
  slug: string;
  name: string;
  bio: string;
}

export const authors: SeedAuthor[] = [
  { slug: 'kanya-srisuk', name: 'กัญญา ศรีสุข', bio: 'ผู้สื่อข่าวสายการเมือง ติดตามงานรัฐสภามากว่าสิบปี' },
  { slug: 'thana-wongdee', name: 'ธนา วงศ์ดี', bio: 'บรรณาธิการข่าวเศรษฐกิจ สนใจเรื่องเกษตรและการค้าชายแดน' },
  { slug: 'malee-chaiyo', name: 'มาลี ไชยโย', bio: 'ผู้สื่อข่าวต่างประเทศ ประจำโต๊ะข่าวอาเซียน' },
  { slug: 'somchai-rakthai', name: 'สมชาย รักไทย', bio: 'นักข่าวกีฬา ทำข่าวฟุตบอลและมวยไทย' },
  { slug: 'pim-saengdao', name: 'พิมพ์ แสงดาว', bio: 'คอลัมนิสต์บันเทิงและวัฒนธรรม' },
  { slug: 'nattapong-fahsai', name: 'ณัฐพงษ์ ฟ้าใส', bio: 'ผู้สื่อข่าวเทคโนโลยีและวิทยาศาสตร์' },
];

/** A recommended clip; `key` names it for the stories that link to it. */
export interface SeedVideo {
  key: string;
  title: string;
  durationSeconds: number;
  embedUrl: string;
}

export const videos: SeedVideo[] = [
  {
    key: 'market',
    title: 'เดินตลาดน้ำยามเช้า ชุมชนริมคลองฟื้นชีวิตอีกครั้ง',
    durationSeconds: 191,
    embedUrl: 'https://video.newsroom.local/embed/market',
  },
  {
    key: 'stadium',
    title: 'บรรยากาศเชียร์ขอบสนาม นัดชิงถ้วยภูมิภาค',
    durationSeconds: 245,
    embedUrl: 'https://video.newsroom.local/embed/stadium',
  },
  {
    key: 'robot',
    title: 'หุ่นยนต์ช่วยเกษตรกรเก็บผลไม้ ฝีมือนักศึกษาไทย',
    durationSeconds: 138,
    embedUrl: 'https://video.newsroom.local/embed/robot',
  },
  {
    key: 'flood',
    title: 'อาสาสมัครเร่งกรอกกระสอบทราย รับมือน้ำหลาก',
    durationSeconds: 302,
    embedUrl: 'https://video.newsroom.local/embed/flood',
  },
  {
    key: 'concert',
    title: 'เบื้องหลังคอนเสิร์ตวงดนตรีพื้นบ้าน',
    durationSeconds: 59,
    embedUrl: 'https://video.newsroom.local/embed/concert',
  },
];

/** Site-wide settings (the Global single type). */
export const global = {
  siteName: 'ข่าวสยามรายวัน',
  tagline: 'ข่าวจริง ทันเหตุการณ์ เพื่อคนไทย',
  footerGroups: [
    {
      title: 'เกี่ยวกับเรา',
      links: [
        { label: 'เกี่ยวกับข่าวสยามรายวัน', url: '/about' },
        { label: 'ร่วมงานกับเรา', url: '/careers' },
        { label: 'ติดต่อเรา', url: '/contact' },
        { label: 'ติดต่อโฆษณา', url: '/advertise' },
      ],
    },
    {
      title: 'บริการ',
      links: [
        { label: 'บริการข่าวผ่านแอปและ SMS', url: '/services' },
        { label: 'คำถามที่พบบ่อย', url: '/faq' },
        { label: 'ศูนย์ช่วยเหลือ', url: '/help' },
      ],
    },
    {
      title: 'นโยบาย',
      links: [
        { label: 'นโยบายความเป็นส่วนตัว', url: '/privacy' },
        { label: 'เงื่อนไขการใช้บริการ', url: '/terms' },
      ],
    },
  ],
  appLinks: [
    { platform: 'ios', url: 'https://apps.newsroom.local/ios' },
    { platform: 'android', url: 'https://apps.newsroom.local/android' },
    { platform: 'huawei', url: 'https://apps.newsroom.local/huawei' },
  ],
  socialAccounts: [
    { platform: 'facebook', url: 'https://social.newsroom.local/facebook' },
    { platform: 'line', url: 'https://social.newsroom.local/line' },
    { platform: 'x', url: 'https://social.newsroom.local/x' },
  ],
};
