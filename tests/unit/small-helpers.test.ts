import { describe, expect, it } from 'vitest';
import { t } from '../../src/i18n/t';
import { formatDuration } from '../../src/lib/duration';
import { mediaUrl, sectionPath, storyPath } from '../../src/lib/urls';

describe('formatDuration', () => {
  it.each([
    [0, '00:00'],
    [59, '00:59'],
    [191, '03:11'],
    [600, '10:00'],
    [3725, '1:02:05'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('rejects negative durations', () => {
    expect(() => formatDuration(-1)).toThrow(/invalid seconds -1/);
  });
});

describe('urls', () => {
  it.each([
    [{ storyNumber: 42, section: { slug: 'politics' } }, '/news/politics/42'],
    [{ storyNumber: 1, section: { slug: 'news' } }, '/news/news/1'],
  ])('story path of %o is %s', (story, path) => {
    expect(storyPath(story)).toBe(path);
  });

  it('section path', () => {
    expect(sectionPath('sports')).toBe('/news/sports');
  });

  it.each([
    ['/uploads/a.png', 'http://cms:1337', 'http://cms:1337/uploads/a.png'],
    ['https://cdn.example/a.png', 'http://cms:1337', 'https://cdn.example/a.png'],
  ])('media url %s', (url, cms, expected) => {
    expect(mediaUrl(url, cms)).toBe(expected);
  });
});

describe('t()', () => {
  it('returns the Thai string', () => {
    expect(t('story.readMore')).toBe('อ่านเพิ่มเติม...');
  });

  it('fills placeholders and refuses a missing value', () => {
    expect(t('section.latest', { section: 'กีฬา' })).toBe('ข่าวล่าสุดในหมวดกีฬา');
    expect(() => t('section.latest')).toThrow(/needs a value for \{section\}/);
  });
});
