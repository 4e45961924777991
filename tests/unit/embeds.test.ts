import { describe, expect, it } from 'vitest';
import { EMBED_FRAME_ORIGINS, embedLine, embedProblems, parseEmbedUrl } from '../../cms-schema/src/embeds';

describe('parseEmbedUrl', () => {
  it.each([
    [
      'a YouTube watch URL',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
      'video',
    ],
    [
      'a youtu.be share URL',
      'https://youtu.be/dQw4w9WgXcQ?si=abc',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
      'video',
    ],
    [
      'a YouTube Short',
      'https://youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
      'vertical',
    ],
    [
      'a mobile YouTube URL',
      'https://m.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1',
      'video',
    ],
    [
      'a Facebook post',
      'https://www.facebook.com/thaipbsnews/posts/1234567890',
      'https://www.facebook.com/plugins/post.php?href=https%3A%2F%2Fwww.facebook.com%2Fthaipbsnews%2Fposts%2F1234567890&show_text=true&width=500',
      'post',
    ],
    [
      'a Facebook video',
      'https://www.facebook.com/watch/?v=987654321',
      'https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fwatch%2F%3Fv%3D987654321&show_text=true&width=500',
      'video',
    ],
    [
      'an X post',
      'https://x.com/ThaiPBS/status/1790000000000000000?s=20',
      'https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&lang=th&dnt=true',
      'post',
    ],
    [
      'a twitter.com post',
      'https://twitter.com/ThaiPBS/status/123',
      'https://platform.twitter.com/embed/Tweet.html?id=123&lang=th&dnt=true',
      'post',
    ],
    [
      'a TikTok video',
      'https://www.tiktok.com/@thairath/video/7300000000000000000',
      'https://www.tiktok.com/embed/v2/7300000000000000000?lang=th-TH',
      'vertical',
    ],
    [
      'an Instagram post',
      'https://www.instagram.com/p/C1a2B3c4D5e/?igsh=x',
      'https://www.instagram.com/p/C1a2B3c4D5e/embed/',
      'post',
    ],
    [
      'an Instagram reel',
      'https://instagram.com/reel/C1a2B3c4D5e',
      'https://www.instagram.com/reel/C1a2B3c4D5e/embed/',
      'vertical',
    ],
  ])('frames %s', (_, url, frame, shape) => {
    const embed = parseEmbedUrl(url);
    expect(embed?.frame).toBe(frame);
    expect(embed?.shape).toBe(shape);
    expect(EMBED_FRAME_ORIGINS).toContain(new URL(frame).origin);
  });

  it.each([
    ['a news site', 'https://www.thairath.co.th/news/1'],
    ['a YouTube channel', 'https://www.youtube.com/@ThaiPBS'],
    ['a YouTube id of the wrong length', 'https://youtu.be/abc'],
    ['a Facebook page', 'https://www.facebook.com/thaipbsnews'],
    ['an X profile', 'https://x.com/ThaiPBS'],
    ['a TikTok short link (needs a request to resolve)', 'https://vm.tiktok.com/ZSabc123/'],
    ['a look-alike host', 'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ'],
    ['credentials in the URL', 'https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['a javascript: URL', 'javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ'],
    ['not a URL', 'youtube.com/watch?v=dQw4w9WgXcQ'],
  ])('refuses %s', (_, url) => {
    expect(parseEmbedUrl(url)).toBeNull();
  });
});

describe('embedLine', () => {
  it.each([
    ['a URL alone', 'https://youtu.be/dQw4w9WgXcQ', { url: 'https://youtu.be/dQw4w9WgXcQ', title: null }],
    [
      'a URL and a title',
      '  https://youtu.be/dQw4w9WgXcQ   แถลงข่าวเต็ม ',
      { url: 'https://youtu.be/dQw4w9WgXcQ', title: 'แถลงข่าวเต็ม' },
    ],
    ['a sentence with a URL', 'ดูที่ https://youtu.be/dQw4w9WgXcQ', null],
  ])('reads %s', (_, line, expected) => {
    expect(embedLine(line)).toEqual(expected);
  });
});

describe('embedProblems', () => {
  it.each([
    ['a supported post', 'ย่อหน้าแรก\n\nhttps://youtu.be/dQw4w9WgXcQ\n\nย่อหน้าสุดท้าย', []],
    ['a link inside a sentence', 'อ่านต่อที่ https://example.org/news ได้เลย', []],
    ['a URL that continues a paragraph', 'ย่อหน้าแรก\nhttps://example.org/news', []],
    ['a URL in a code block', '```\nhttps://example.org\n```', []],
    ['not a string', null, []],
    [
      'an unsupported site alone on line 3',
      'ย่อหน้าแรก\n\nhttps://example.org/news\n',
      ['บรรทัดที่ 3: ลิงก์ที่วางไว้บรรทัดเดียวจะถูกฝังเป็นโพสต์'],
    ],
    [
      'a YouTube URL that is not a clip',
      'https://www.youtube.com/@ThaiPBS',
      ['บรรทัดที่ 1: ลิงก์ YouTube นี้ไม่ใช่ลิงก์ของโพสต์หรือคลิป'],
    ],
  ])('%s', (_, body, expected) => {
    const problems = embedProblems(body);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((part, i) => expect(problems[i]).toContain(part));
  });
});
