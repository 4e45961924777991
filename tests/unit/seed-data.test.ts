import { describe, expect, it } from 'vitest';
import { liveProblems, noteProblems } from '../../cms-schema/src/bootstrap/article-rules';
import { embedLine, embedProblems, parseEmbedUrl } from '../../cms-schema/src/embeds';
import {
  CORRECTED_TITLE,
  EMBED_TITLES,
  GALLERY_TITLE,
  LIVE_TITLE,
  REFERENCE_SHAPED_TITLE,
  stories,
} from '../../scripts/seed/stories';
import { authors, categories, tags, videos } from '../../scripts/seed/taxonomy';
import { COVER_POOL, coverPoolSize, syntheticRange } from '../../scripts/seed/synthetic';

describe('sample newsroom', () => {
  const published = stories.filter((s) => !s.draft);

  it('has at least 40 published stories, a few drafts and at least 6 sections', () => {
    expect(published.length).toBeGreaterThanOrEqual(40);
    expect(stories.filter((s) => s.draft).length).toBeGreaterThanOrEqual(3);
    expect(categories.length).toBeGreaterThanOrEqual(6);
  });

  it('gives every published story a date, several paragraphs and known references', () => {
    const known = {
      section: new Set(categories.map((c) => c.slug)),
      tag: new Set(tags.map((t) => t.slug)),
      author: new Set(authors.map((a) => a.slug)),
      video: new Set(videos.map((v) => v.key)),
      title: new Set(stories.map((s) => s.title)),
    };
    for (const s of published) {
      expect(s.at, s.title).toMatch(/\+07:00$/);
      expect(s.body.length, s.title).toBeGreaterThanOrEqual(3);
      expect(known.section.has(s.section), s.title).toBe(true);
      expect(
        s.tags.every((t) => known.tag.has(t)),
        s.title,
      ).toBe(true);
      expect(
        s.authors.every((a) => known.author.has(a)),
        s.title,
      ).toBe(true);
      expect(
        (s.videos ?? []).every((v) => known.video.has(v)),
        s.title,
      ).toBe(true);
      expect(
        (s.related ?? []).every((r) => known.title.has(r)),
        s.title,
      ).toBe(true);
    }
    expect(new Set(stories.map((s) => s.title)).size).toBe(stories.length);
  });

  it('includes one story in the shape of the reference page', () => {
    const reference = stories.find((s) => s.title === REFERENCE_SHAPED_TITLE)!;
    expect(reference).toMatchObject({ section: 'news', edition: 'print' });
    expect(Date.parse(reference.at!)).toBe(Date.parse('2016-12-06T00:30:00Z'));
  });

  it('includes one published story with a correction and an update, made after it ran, as the CMS accepts them', () => {
    const noted = published.filter((s) => s.notes?.length);
    expect(noted.map((s) => s.title)).toEqual([CORRECTED_TITLE]);
    const notes = noted[0]!.notes!;
    expect(notes.map((n) => n.kind).sort()).toEqual(['correction', 'update']);
    for (const note of notes) expect(Date.parse(note.at)).toBeGreaterThan(Date.parse(noted[0]!.at!));
    expect(noteProblems(notes.map((n) => ({ ...n, at: new Date(n.at).toISOString() })))).toEqual([]);
  });

  it('includes one live coverage with a dozen entries, one pinned, as the CMS accepts them', () => {
    const live = published.filter((s) => s.live);
    expect(live.map((s) => s.title)).toEqual([LIVE_TITLE]);
    const { state, entries } = live[0]!.live!;
    expect(state).toBe('live');
    expect(entries.length).toBeGreaterThanOrEqual(12);
    expect(entries.filter((e) => e.pinned)).toHaveLength(1);
    expect(entries.some((e) => e.picture)).toBe(true);
    const data = { liveState: state, liveEntries: entries.map((e) => ({ ...e, at: new Date(e.at).toISOString() })) };
    expect(liveProblems(data)).toEqual([]);
  });

  it('includes one published story with a gallery of a dozen described pictures', () => {
    const galleries = published.filter((s) => s.gallery?.length);
    expect(galleries.map((s) => s.title)).toEqual([GALLERY_TITLE]);
    const pictures = galleries[0]!.gallery!;
    expect(pictures).toHaveLength(12);
    for (const picture of pictures) {
      expect(picture.alt.trim()).not.toBe('');
      expect(picture.caption.trim()).not.toBe('');
    }
    expect(new Set(pictures.map((p) => p.alt)).size).toBe(12);
  });

  it('includes two published stories with posts from social platforms, as the CMS accepts them', () => {
    const posts = (s: (typeof stories)[number]) =>
      s.body.map((paragraph) => embedLine(paragraph)).filter((line) => line && parseEmbedUrl(line.url));
    expect(published.filter((s) => posts(s).length > 0).map((s) => s.title)).toEqual([...EMBED_TITLES]);
    for (const s of stories) expect(embedProblems(s.body.join('\n\n')), s.title).toEqual([]);
  });
});

describe('syntheticRange', () => {
  it.each([
    ['a new archive', 0, 0, 10_000, { from: 0, to: 10_000 }],
    ['the same size asked again', 10_000, 0, 10_000, { from: 10_000, to: 10_000 }],
    ['a bigger archive asked for', 10_000, 0, 25_000, { from: 10_000, to: 25_000 }],
    ['a seed process for the second ten thousand', 0, 10_000, 10_000, { from: 10_000, to: 20_000 }],
    ['that process again after it stopped half way', 15_000, 10_000, 10_000, { from: 15_000, to: 20_000 }],
    ['a smaller archive asked for than there is', 30_000, 0, 10_000, { from: 10_000, to: 10_000 }],
  ])('%s: creates what is missing only', (_, existing, first, count, expected) => {
    expect(syntheticRange(existing, first, count)).toEqual(expected);
  });
});

describe('coverPoolSize', () => {
  it.each([
    [0, 1],
    [30, 30],
    [1000, 1000],
    [100_000, COVER_POOL],
  ])('an archive of %i draws covers from %i pictures', (archive, pool) => {
    expect(coverPoolSize(archive)).toBe(pool);
  });

  it('is at least a thousand distinct pictures for a benchmark archive', () => {
    expect(COVER_POOL).toBeGreaterThanOrEqual(1000);
  });
});
