import { createServer } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { parseEnv } from 'node:util';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { paths } from '../../server/src/paths';
import { postgresQuery } from '../../server/src/postgres-schema';
import { freePort, startNode, type Running } from '../../server/src/processes';
import { varnishInstalled } from '../../server/src/varnish';
import { editorSession, json } from '../harness/editor-session';
import { newsroomState, projectTempDir } from '../harness/suite-newsroom';

const state = newsroomState();

/** True when nothing listens on 127.0.0.1:`port` now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port whose next port is free too, neither of them among `taken`. */
async function freePortPair(taken: number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.includes(port) && !taken.includes(port + 1) && (await portIsFree(port + 1))) return port;
  }
}

/**
 * `npm run start:topology` as an operator runs it: two CMS instances on one PostgreSQL schema,
 * the publisher and site server, Varnish in front. An editor on one instance publishes, an
 * editor on the other takes the story down; readers go through Varnish.
 */
test.describe('the multi-instance topology command', () => {
  test.skip(state.database !== 'postgres', 'the topology runs on PostgreSQL');
  test.skip(!varnishInstalled(), 'varnishd is not installed here (apt-get install varnish)');
  test.describe.configure({ timeout: 360_000 });

  const schema = `newsroom_topology_test_${process.pid}`;
  const work = projectTempDir('topology-');
  const envFile = path.join(work, 'newsroom.env');
  let running: Running | undefined;
  const ports = { cms: 0, site: 0, cache: 0 };

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    ports.site = await freePort();
    ports.cache = await freePort();
    // The second CMS instance takes the port after the first one's: both must be free, and
    // neither the site's nor the cache's (listen(0) hands out neighbouring ports).
    ports.cms = await freePortPair([ports.site, ports.cache]);
    const banner = new Promise<void>((resolve) => {
      running = startNode(path.join(paths.root, 'scripts', 'start.ts'), ['--topology'], {
        label: '[topology]',
        onLine: (line) => line.includes('the newsroom is running') && resolve(),
        env: {
          NEWSROOM_ENV_FILE: envFile,
          DATABASE_URL: process.env.DATABASE_URL,
          TOPOLOGY_SCHEMA: schema,
          PORT: String(ports.cms),
          SITE_PORT: String(ports.site),
          SITE_URL: `http://127.0.0.1:${ports.cache}`,
          CACHE_PORT: String(ports.cache),
          RELEASES_DIR: path.join(path.relative(paths.root, work), 'releases'),
          CMS_PUBLIC_DIR: path.join(work, 'public'),
          STRAPI_LOG_LEVEL: 'warn',
        },
      });
    });
    const exited = running!.exited.then((code) => {
      throw new Error(
        `npm run start:topology exited (code ${code}) before it was running:\n${running!.tail.join('\n')}`,
      );
    });
    await Promise.race([banner, exited]);
  });

  test.afterAll(async () => {
    await running?.stop(30_000);
    await postgresQuery(process.env.DATABASE_URL!, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    rmSync(work, { recursive: true, force: true });
  });

  test('a story published on one CMS instance and taken down on the other is seen through Varnish', async ({
    request,
  }) => {
    const env = parseEnv(readFileSync(envFile, 'utf8'));
    // The newsroom's super admin, on one instance or the other.
    const login = (port: number) =>
      editorSession({
        url: `http://127.0.0.1:${port}`,
        secrets: { CMS_ADMIN_EMAIL: env.CMS_ADMIN_EMAIL!, CMS_ADMIN_PASSWORD: env.CMS_ADMIN_PASSWORD! },
      });
    const cache = `http://127.0.0.1:${ports.cache}`;
    const reader = async (route: string) => {
      const response = await request.get(`${cache}${route}`, { maxRedirects: 0 });
      return { status: response.status(), body: await response.text(), hit: response.headers()['x-cache'] };
    };
    // The seeded newsroom is live through the cache, and the cache keeps it.
    await expect.poll(async () => (await reader('/')).hit, { timeout: 10_000 }).toBe('HIT');
    expect((await reader('/')).body).toContain('ข่าวสยามรายวัน');

    const second = await login(ports.cms + 1);
    const { data: sections } = await json<{ data: { documentId: string; slug: string }[] }>(
      `http://127.0.0.1:${ports.cms + 1}/api/categories`,
      { headers: { Authorization: `Bearer ${env.CMS_READ_TOKEN}` } },
    );
    const title = `ข่าวสองอินสแตนซ์ ${Date.now()} จบ`;
    const { data: story } = await json<{ data: { documentId: string; storyNumber: number } }>(second.articles, {
      method: 'POST',
      headers: second.headers,
      body: JSON.stringify({ title, body: 'เนื้อหาทดสอบ', section: { connect: [sections[0]!.documentId] } }),
    });
    await json(`${second.articles}/${story.documentId}/actions/publish`, {
      method: 'POST',
      headers: second.headers,
      body: '{}',
    });
    const route = `/news/${sections[0]!.slug}/${story.storyNumber}`;
    await expect.poll(async () => (await reader(route)).body.includes(title), { timeout: 60_000 }).toBe(true);
    await expect.poll(async () => (await reader('/')).body.includes(title), { timeout: 60_000 }).toBe(true);

    const first = await login(ports.cms);
    await json(`${first.articles}/${story.documentId}/actions/unpublish`, {
      method: 'POST',
      headers: first.headers,
      body: '{}',
    });
    await expect.poll(async () => (await reader(route)).status, { timeout: 60_000 }).toBe(404);
    await expect
      .poll(async () => (await reader('/')).body.includes(`href="${route}"`), { timeout: 60_000 })
      .toBe(false);
  });
});
