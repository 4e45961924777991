/**
 * Posts from social platforms in a story body. An editor pastes the post's URL on a line of its
 * own (optionally followed by a title); the site shows a click-to-load facade for it
 * (src/lib/markdown.ts) and the CMS refuses, in Thai, a line-alone URL it could not show as a post.
 * One module for both, so what the CMS accepts is exactly what the site can embed.
 *
 * Every frame URL is built here from the post's id, never copied from the editor's text, so a
 * pasted URL can only ever frame one of EMBED_FRAME_ORIGINS.
 */

export type EmbedPlatform = 'youtube' | 'facebook' | 'x' | 'tiktok' | 'instagram';

/** A post the site can show behind a facade. */
export interface Embed {
  platform: EmbedPlatform;
  /** The post on its platform: the link readers follow without loading the player. */
  source: string;
  /** What the frame loads after the reader asks for it. */
  frame: string;
  /** The frame's proportions: a video, a tall vertical video, or a post. */
  shape: 'video' | 'vertical' | 'post';
}

/** The only origins a story's frames may load (the pages' CSP frame-src). */
export const EMBED_FRAME_ORIGINS = [
  'https://www.youtube-nocookie.com',
  'https://www.facebook.com',
  'https://platform.twitter.com',
  'https://www.tiktok.com',
  'https://www.instagram.com',
] as const;

/** Platform names as editors and readers know them. */
export const EMBED_PLATFORM_NAMES: Record<EmbedPlatform, string> = {
  youtube: 'YouTube',
  facebook: 'Facebook',
  x: 'X',
  tiktok: 'TikTok',
  instagram: 'Instagram',
};

/** Hosts of each platform, without `www.` / `m.`: a URL on one of them must be a post. */
const HOSTS: Record<string, EmbedPlatform> = {
  'youtube.com': 'youtube',
  'youtu.be': 'youtube',
  'facebook.com': 'facebook',
  'fb.watch': 'facebook',
  'x.com': 'x',
  'twitter.com': 'x',
  'tiktok.com': 'tiktok',
  'instagram.com': 'instagram',
};

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const DIGITS = /^\d{1,25}$/;

/** The platform a URL's host belongs to, whether or not the URL is a post. */
export function embedPlatformOf(url: URL): EmbedPlatform | null {
  return HOSTS[url.hostname.toLowerCase().replace(/^(www|m|mobile|web)\./, '')] ?? null;
}

function parseUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

function youtube(url: URL): Embed | null {
  const parts = url.pathname.split('/').filter(Boolean);
  const id =
    url.hostname === 'youtu.be'
      ? parts[0]
      : parts[0] === 'watch'
        ? url.searchParams.get('v')
        : ['shorts', 'live', 'embed'].includes(parts[0] ?? '')
          ? parts[1]
          : undefined;
  if (!id || !YOUTUBE_ID.test(id)) return null;
  return {
    platform: 'youtube',
    source: `https://www.youtube.com/watch?v=${id}`,
    frame: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`,
    shape: parts[0] === 'shorts' ? 'vertical' : 'video',
  };
}

function facebook(url: URL): Embed | null {
  const parts = url.pathname.split('/').filter(Boolean);
  let source: string | null = null;
  let video = false;
  if (url.hostname === 'fb.watch' && parts.length === 1 && /^[\w-]{4,40}$/.test(parts[0]!)) {
    source = `https://fb.watch/${parts[0]}/`;
    video = true;
  } else if (parts[0] === 'watch' && DIGITS.test(url.searchParams.get('v') ?? '')) {
    source = `https://www.facebook.com/watch/?v=${url.searchParams.get('v')}`;
    video = true;
  } else if (parts[0] === 'reel' && DIGITS.test(parts[1] ?? '')) {
    source = `https://www.facebook.com/reel/${parts[1]}`;
    video = true;
  } else if (parts.length === 3 && /^[\w.-]{1,80}$/.test(parts[0]!) && ['posts', 'videos'].includes(parts[1]!)) {
    if (!/^(\d{1,25}|pfbid\w{10,80})$/.test(parts[2]!)) return null;
    source = `https://www.facebook.com/${parts[0]}/${parts[1]}/${parts[2]}`;
    video = parts[1] === 'videos';
  }
  if (!source) return null;
  const plugin = video ? 'video.php' : 'post.php';
  return {
    platform: 'facebook',
    source,
    frame: `https://www.facebook.com/plugins/${plugin}?href=${encodeURIComponent(source)}&show_text=true&width=500`,
    shape: video ? 'video' : 'post',
  };
}

function x(url: URL): Embed | null {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length < 3 || parts[1] !== 'status' || !/^\w{1,15}$/.test(parts[0]!) || !DIGITS.test(parts[2]!))
    return null;
  return {
    platform: 'x',
    source: `https://x.com/${parts[0]}/status/${parts[2]}`,
    frame: `https://platform.twitter.com/embed/Tweet.html?id=${parts[2]}&lang=th&dnt=true`,
    shape: 'post',
  };
}

function tiktok(url: URL): Embed | null {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length < 3 || !/^@[\w.]{1,24}$/.test(parts[0]!) || parts[1] !== 'video' || !DIGITS.test(parts[2]!))
    return null;
  return {
    platform: 'tiktok',
    source: `https://www.tiktok.com/${parts[0]}/video/${parts[2]}`,
    frame: `https://www.tiktok.com/embed/v2/${parts[2]}?lang=th-TH`,
    shape: 'vertical',
  };
}

function instagram(url: URL): Embed | null {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length < 2 || !['p', 'reel', 'tv'].includes(parts[0]!) || !/^[\w-]{5,40}$/.test(parts[1]!)) return null;
  const source = `https://www.instagram.com/${parts[0]}/${parts[1]}/`;
  return { platform: 'instagram', source, frame: `${source}embed/`, shape: parts[0] === 'p' ? 'post' : 'vertical' };
}

const PARSERS: Record<EmbedPlatform, (url: URL) => Embed | null> = { youtube, facebook, x, tiktok, instagram };

/** The post a URL points to, or null when it is not a post of a supported platform. */
export function parseEmbedUrl(text: string): Embed | null {
  const url = parseUrl(text);
  if (!url || url.username || url.password) return null;
  const platform = embedPlatformOf(url);
  return platform ? PARSERS[platform](url) : null;
}

/** A line that is a URL alone, optionally followed by a title: the embed syntax. */
const URL_LINE = /^(https?:\/\/\S+)(?:[ \t]+(\S.*?))?[ \t]*$/;

/** The URL and title of a line written in the embed syntax, or null for any other line. */
export function embedLine(line: string): { url: string; title: string | null } | null {
  const match = URL_LINE.exec(line.trim());
  return match ? { url: match[1]!, title: match[2] ?? null } : null;
}

/**
 * What is wrong with a body's embeds, as Thai messages naming the line: each URL standing alone
 * as a paragraph must be a post the site can embed. A link inside a sentence, or written as
 * `[ข้อความ](ลิงก์)`, is an ordinary link and is not checked here.
 */
export function embedProblems(body: unknown): string[] {
  if (typeof body !== 'string') return [];
  const lines = body.split(/\r?\n/);
  const blank = (i: number) => i < 0 || i >= lines.length || lines[i]!.trim() === '';
  let fenced = false;
  const problems: string[] = [];
  lines.forEach((text, i) => {
    if (/^\s{0,3}(```|~~~)/.test(text)) fenced = !fenced;
    if (fenced || /^( {4}|\t)/.test(text) || !blank(i - 1) || !blank(i + 1)) return;
    const line = embedLine(text);
    if (!line || parseEmbedUrl(line.url)) return;
    const where = `เนื้อข่าว (body) บรรทัดที่ ${i + 1}`;
    const url = parseUrl(line.url);
    const platform = url && embedPlatformOf(url);
    problems.push(
      platform
        ? `${where}: ลิงก์ ${EMBED_PLATFORM_NAMES[platform]} นี้ไม่ใช่ลิงก์ของโพสต์หรือคลิป จึงฝังในข่าวไม่ได้ — คัดลอกลิงก์จากปุ่ม "แชร์" ของโพสต์นั้นมาวางใหม่`
        : `${where}: ลิงก์ที่วางไว้บรรทัดเดียวจะถูกฝังเป็นโพสต์ ซึ่งรองรับเฉพาะ YouTube, Facebook, X, TikTok และ Instagram — ถ้าต้องการลิงก์ธรรมดา ให้เขียนเป็น [ข้อความ](ลิงก์) หรือใส่ไว้ในประโยค`,
    );
  });
  return problems;
}
