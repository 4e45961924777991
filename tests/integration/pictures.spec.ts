import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { paths } from '../../server/src/paths';
import { postgresQuery } from '../../server/src/postgres-schema';
import { runNode } from '../../server/src/processes';
import type { ThrowawayCms } from '../harness/throwaway';
import { newsroomState, startOwnCms } from '../harness/suite-newsroom';

const state = newsroomState();

/** A picture's row in the media library: its URL and the keys of its formats. */
interface PictureRow {
  id: number;
  url: string;
  formats: Record<string, { url: string; mime: string }> | null;
}

test.describe(`pictures are encoded once, at upload (${state.database})`, () => {
  test.describe.configure({ timeout: 300_000 });
  let cms: ThrowawayCms;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    cms = await startOwnCms('pictures newsroom');
  });
  test.afterAll(async () => {
    await cms.stop();
  });

  /** Runs SQL on the CMS's database (stopped, when SQLite) and returns the rows. */
  async function sql<T>(query: string): Promise<T[]> {
    if (cms.database === 'sqlite') {
      const db = new DatabaseSync(cms.files.database);
      try {
        return db.prepare(query).all() as T[];
      } finally {
        db.close();
      }
    }
    return postgresQuery<T>(process.env.DATABASE_URL!, query);
  }
  /** Strapi's table of uploads, in the CMS's own schema on PostgreSQL. */
  const files = () => (cms.database === 'sqlite' ? 'files' : `"${cms.schema!}".files`);
  const pictures = async () =>
    (
      await sql<{ id: number; url: string; formats: string | object | null }>(
        `SELECT id, url, formats FROM ${files()} WHERE mime LIKE 'image/%' ORDER BY id`,
      )
    ).map((row): PictureRow => ({
      id: row.id,
      url: row.url,
      formats: (typeof row.formats === 'string' ? JSON.parse(row.formats) : row.formats) as PictureRow['formats'],
    }));
  const backfill = async () => {
    const lines: string[] = [];
    await runNode('npm run pictures:backfill', path.join(paths.root, 'scripts', 'backfill-pictures.ts'), [], {
      env: cms.env,
      label: '[backfill]',
      onLine: (line) => lines.push(line),
    });
    return lines;
  };

  test('every upload has AVIF and WebP variants on disk; the backfill gives them to pictures from before, once', async () => {
    const seeded = await pictures();
    expect(seeded.length).toBeGreaterThan(60);
    for (const picture of seeded) {
      // The seed's pictures are 640 px wide: variants at 360 and 640 px (beside Strapi's own thumbnail).
      const keys = Object.keys(picture.formats ?? {})
        .filter((key) => /^(avif|webp)_/.test(key))
        .sort();
      expect(keys, picture.url).toEqual(['avif_360', 'avif_640', 'webp_360', 'webp_640']);
      for (const key of keys) {
        expect(existsSync(path.join(cms.files.uploads, path.basename(picture.formats![key]!.url))), key).toBe(true);
      }
    }
    // Pictures uploaded before variants existed (an archive's): no formats of ours.
    await cms.halt();
    const before = seeded.slice(0, 5).map((picture) => picture.id);
    await sql(`UPDATE ${files()} SET formats = NULL WHERE id IN (${before.join(',')})`);
    expect((await pictures()).filter((picture) => before.includes(picture.id) && picture.formats)).toEqual([]);

    const first = await backfill();
    expect(first.join('\n')).toMatch(/\[pictures\] \d+\/\d+: 5 given variants, \d+ had them/);
    expect(first.at(-1)).toMatch(/done: 5 given variants, \d+ had them, 0 failed/);
    for (const picture of (await pictures()).filter((row) => before.includes(row.id))) {
      expect(Object.keys(picture.formats ?? {}).sort()).toEqual(['avif_360', 'avif_640', 'webp_360', 'webp_640']);
      expect(picture.formats!.avif_360!.mime).toBe('image/avif');
      expect(existsSync(path.join(cms.files.uploads, path.basename(picture.formats!.avif_360!.url)))).toBe(true);
    }
    // Run again: nothing left to do.
    expect((await backfill()).at(-1)).toMatch(/done: 0 given variants, \d+ had them, 0 failed/);
  });
});
