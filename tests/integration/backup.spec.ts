import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { backupNewsroom, restoreNewsroom } from '../../server/src/backup';
import type { LiveSite } from '../../server/src/deploy';
import { postgresQuery } from '../../server/src/postgres-schema';
import { reservePort } from '../../server/src/processes';
import { internalFile, STORY_PATHS } from '../../shared/internal-output';
import { editorSession, json } from '../harness/editor-session';
import { startThrowawaySite, type ThrowawayCms } from '../harness/throwaway';
import { newsroomState, projectTempDir, startOwnCms } from '../harness/suite-newsroom';

const state = newsroomState();

/** The published stories of a CMS, by documentId with the headline and version readers get. */
async function published(url: string, token: string): Promise<Map<string, string>> {
  const stories = new Map<string, string>();
  for (let page = 1; ; page++) {
    const query = `status=published&fields[0]=title&fields[1]=updatedAt&pagination[page]=${page}&pagination[pageSize]=100`;
    const { data, meta } = await json<{
      data: { documentId: string; title: string; updatedAt: string }[];
      meta: { pagination: { pageCount: number } };
    }>(`${url}/api/articles?${query}`, { headers: { Authorization: `Bearer ${token}` } });
    for (const story of data) stories.set(story.documentId, `${story.title} @ ${story.updatedAt}`);
    if (page >= meta.pagination.pageCount) return stories;
  }
}

/** Every uploaded file, by name with its size. */
function uploads(dir: string): Map<string, number> {
  return new Map(readdirSync(dir).map((name) => [name, statSync(path.join(dir, name)).size]));
}

test.describe(`backups bring a lost newsroom back (${state.database})`, () => {
  test.describe.configure({ timeout: 300_000 });
  let cms: ThrowawayCms;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    cms = await startOwnCms('backup newsroom');
  });
  test.afterAll(async () => cms.stop());

  test('a backup taken while editors work restores the newsroom as it was: stories, uploads, secrets', async () => {
    const token = cms.secrets.CMS_READ_TOKEN;
    const { headers, articles } = await editorSession(cms);
    const publish = async (title: string) => {
      const { data } = await json<{ data: { documentId: string } }>(articles, {
        method: 'POST',
        headers,
        body: JSON.stringify({ title, body: 'เนื้อหาสำรองข้อมูล', section: { connect: [await firstSection()] } }),
      });
      await json(`${articles}/${data.documentId}/actions/publish`, { method: 'POST', headers, body: '{}' });
      return data.documentId;
    };
    const firstSection = async () =>
      (
        await json<{ data: { documentId: string }[] }>(`${cms.url}/api/categories`, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).data[0]!.documentId;

    const kept = await publish('ข่าวก่อนสำรองข้อมูล');
    const before = await published(cms.url, token);
    expect(before.has(kept)).toBe(true);
    const uploadsBefore = uploads(cms.files.uploads);
    expect(uploadsBefore.size).toBeGreaterThan(0); // the sample news has pictures
    const backupsDir = projectTempDir('backups-');

    let backup: string;
    if (state.database === 'sqlite') {
      // Taken while the CMS runs, as `npm run backup` is.
      backup = await backupNewsroom(cms.files, backupsDir);
      expect(statSync(path.join(backup, 'secrets.env')).mode & 0o777).toBe(0o600);
    } else {
      // PostgreSQL: pg_dump of the newsroom's schema (docs/operations.md), the uploads copied beside it.
      backup = path.join(backupsDir, 'pg');
      const dump = spawnSync('pg_dump', ['-Fc', '-n', cms.schema!, '-f', `${backup}.dump`, process.env.DATABASE_URL!]);
      expect(dump.status, dump.stderr.toString()).toBe(0);
    }
    // Work after the backup is not in it.
    const later = await publish('ข่าวหลังสำรองข้อมูล');

    // The machine loses the newsroom: database, uploads, secrets.
    await cms.halt();
    const secrets = readFileSync(cms.files.env, 'utf8');
    if (state.database === 'sqlite') {
      for (const file of [cms.files.database, `${cms.files.database}-wal`, `${cms.files.database}-shm`])
        rmSync(file, { force: true });
      rmSync(cms.files.uploads, { recursive: true });
      rmSync(cms.files.env);
      restoreNewsroom(backup, cms.files);
      expect(readFileSync(cms.files.env, 'utf8')).toBe(secrets);
      expect(uploads(cms.files.uploads)).toEqual(uploadsBefore);
    } else {
      await postgresQuery(process.env.DATABASE_URL!, `DROP SCHEMA "${cms.schema!}" CASCADE`);
      const restore = spawnSync('pg_restore', ['-d', process.env.DATABASE_URL!, `${backup}.dump`]);
      expect(restore.status, restore.stderr.toString()).toBe(0);
    }

    // The CMS started on what was restored publishes exactly what it did at the backup.
    const restored = await cms.startInstance();
    try {
      const after = await published(restored.url, token);
      expect(after).toEqual(before);
      expect(after.has(later)).toBe(false);
      const [name] = [...uploadsBefore.keys()];
      expect((await fetch(`${restored.url}/uploads/${name!}`)).status).toBe(200);
    } finally {
      await restored.stop();
      rmSync(backupsDir, { recursive: true, force: true });
    }
  });

  test('a folder that is not a complete backup is refused, and nothing is touched', () => {
    test.skip(state.database !== 'sqlite', 'npm run restore is for SQLite; PostgreSQL uses pg_restore');
    const partial = projectTempDir('not-a-backup-');
    try {
      expect(() => restoreNewsroom(partial, cms.files)).toThrow(/is not a complete backup \(no manifest\.json\)/);
      expect(existsSync(cms.files.database)).toBe(true);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });
});

test.describe(`a build that would empty the live site is refused unless forced (${state.database})`, () => {
  test.describe.configure({ timeout: 300_000 });
  let cms: ThrowawayCms;
  let site: LiveSite;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    const port = await reservePort();
    cms = await startOwnCms('guarded newsroom', { publishHookUrl: `http://127.0.0.1:${port.port}/_hooks/publish` });
    site = await startThrowawaySite(cms, { port, keep: 3, log: (line) => console.log(`[guarded site] ${line}`) });
    expect((await site.publisher.buildNow('startup')).result).toBe('live');
  });
  test.afterAll(async () => {
    await site.close();
    await cms.stop();
  });

  test('taking down more than 10 % of the stories at once keeps the full build off the site until an operator forces it', async () => {
    const stories = (release: string) =>
      Object.keys(JSON.parse(readFileSync(internalFile(release, STORY_PATHS), 'utf8')) as object).length;
    const builtBefore = site.releases.built(site.releases.live()!);
    const before = stories(builtBefore);
    const { headers, articles } = await editorSession(cms);
    const { data } = await json<{ data: { documentId: string }[] }>(
      `${cms.url}/api/articles?fields[0]=title&sort=storyNumber:asc&pagination[pageSize]=${Math.ceil(before * 0.15)}`,
      { headers: { Authorization: `Bearer ${cms.secrets.CMS_READ_TOKEN}` } },
    );
    for (const story of data) {
      await json(`${articles}/${story.documentId}/actions/unpublish`, { method: 'POST', headers, body: '{}' });
    }
    const taken = data.length;
    expect(taken).toBeGreaterThan(before * 0.1);

    // The full build that follows publishes too few stories: refused, with the reason in its record.
    await expect
      .poll(() => site.publisher.records.find((b) => b.result === 'failed')?.error ?? '', { timeout: 120_000 })
      .toMatch(new RegExp(`refused: this build publishes ${before - taken} stories and the live site ${before}`));
    expect(site.releases.built(site.releases.live()!)).toBe(builtBefore);

    // An operator who means it forces a build.
    const forced = await fetch(`${site.url}/_hooks/build?force=1`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${cms.secrets.PUBLISH_HOOK_SECRET}` },
    });
    expect(forced.status).toBe(202);
    await expect
      .poll(() => site.publisher.records.find((b) => b.trigger === 'operator (forced)')?.result, { timeout: 120_000 })
      .toBe('live');
    expect(stories(site.releases.built(site.releases.live()!))).toBe(before - taken);
  });
});
