import { describe, expect, it } from 'vitest';
import { cacheKey } from '../../src/lib/server/cache-key';
import { contentDigest, rememberDigest } from '../../src/lib/server/content-digest';

describe('contentDigest', () => {
  it.each([
    ['a string digest', 'a1b2c3', 'a1b2c3'],
    ['a numeric digest', 12345, '12345'],
  ])('returns the content layer’s %s for the data it came with', (_, digest, expected) => {
    const data = { title: 'ข่าว' };
    rememberDigest(data, digest);
    expect(contentDigest(data)).toBe(expected);
  });

  it('digests data the content layer gave no digest for, by content', () => {
    const data = { title: 'ข่าว' };
    rememberDigest(data, undefined);
    expect(contentDigest(data)).toBe(cacheKey(data));
    expect(contentDigest({ title: 'ข่าวอื่น' })).not.toBe(contentDigest(data));
  });

  it('does not lend a digest to an edited copy of the data', () => {
    const data = { title: 'ข่าว' };
    rememberDigest(data, 'old');
    expect(contentDigest({ ...data, title: 'ข่าวแก้ไข' })).not.toBe('old');
  });
});
