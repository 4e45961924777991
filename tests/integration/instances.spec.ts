import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { editorSession } from '../harness/editor-session';
import { startThrowawayCms, type ThrowawayCms } from '../harness/throwaway';
import { newsroomState } from '../harness/suite-newsroom';

const state = newsroomState();

/** What Strapi's publish webhook sent: the event and the story it names. */
interface HookEvent {
  event: string;
  documentId: string | undefined;
}

/**
 * Two CMS instances on one PostgreSQL schema, as a newsroom runs them behind a load balancer,
 * with the publish webhook of both calling one listener that records every event.
 */
test.describe('several CMS instances on one PostgreSQL', () => {
  test.skip(state.database !== 'postgres', 'several instances share one PostgreSQL database; SQLite is one process');
  test.describe.configure({ timeout: 300_000 });

  let first: ThrowawayCms;
  let second: { url: string; stop(): Promise<void> };
  let hook: Server;
  const events: HookEvent[] = [];

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body || '{}') as { event?: string; entry?: { documentId?: string } | null };
        events.push({ event: parsed.event ?? '', documentId: parsed.entry?.documentId });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/_hooks/publish`;
    first = await startThrowawayCms({
      postgresUrl: process.env.DATABASE_URL!,
      publishHookUrl: hookUrl,
      log: (line) => console.log(`[instances] ${line}`),
    });
    second = await first.startInstance();
  });

  test.afterAll(async () => {
    // Undefined when beforeAll failed before starting them.
    await (second as typeof second | undefined)?.stop();
    await (first as ThrowawayCms | undefined)?.stop();
    (hook as Server | undefined)?.close();
  });

  /** Every draft whose title starts with `prefix`, read with the previews' token (drafts included). */
  async function draftsTitled(prefix: string): Promise<{ documentId: string; storyNumber: number }[]> {
    const found: { documentId: string; storyNumber: number }[] = [];
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({
        status: 'draft',
        'filters[title][$startsWith]': prefix,
        'fields[0]': 'storyNumber',
        'pagination[page]': String(page),
        'pagination[pageSize]': '100',
      });
      const response = await fetch(`${first.url}/api/articles?${query}`, {
        headers: { Authorization: `Bearer ${first.secrets.CMS_PREVIEW_TOKEN}` },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        data: { documentId: string; storyNumber: number }[];
        meta: { pagination: { pageCount: number } };
      };
      found.push(...body.data);
      if (page >= body.meta.pagination.pageCount) return found;
    }
  }

  test('500 stories created at once through both instances get 500 different numbers', async () => {
    const sessions = [(await editorSession(first)).headers, (await editorSession(first, second.url)).headers];
    const instances = [first.url, second.url];
    const prefix = 'เลขข่าวพร้อมกัน';
    const statuses: number[] = [];
    let next = 0;
    // Sixteen editors' saves in flight at any moment, alternating between the instances.
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let n = next++; n < 500; n = next++) {
          const response = await fetch(`${instances[n % 2]}/content-manager/collection-types/api::article.article`, {
            method: 'POST',
            headers: sessions[n % 2]!,
            body: JSON.stringify({ title: `${prefix} ${n}`, body: 'เนื้อหา' }),
          });
          statuses.push(response.status);
        }
      }),
    );
    expect(statuses.filter((status) => status !== 201)).toEqual([]);
    const numbers = (await draftsTitled(prefix)).map((story) => story.storyNumber);
    expect(numbers).toHaveLength(500);
    expect(new Set(numbers).size).toBe(500);
  });

  test('ten stories embargoed to the same second are each published once, with both instances running', async () => {
    const headers = (await editorSession(first, second.url)).headers;
    const sections = (await (
      await fetch(`${first.url}/api/categories?filters[slug][$eq]=politics`, {
        headers: { Authorization: `Bearer ${first.secrets.CMS_READ_TOKEN}` },
      })
    ).json()) as { data: { documentId: string }[] };
    // Both instances check every two seconds, at the same moments: a batch of due stories takes
    // one of them long enough to publish that the other reads the same batch meanwhile.
    const due = Date.now() + 8_000;
    const ids: string[] = [];
    for (let n = 1; n <= 10; n++) {
      const created = await fetch(`${second.url}/content-manager/collection-types/api::article.article`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          title: `ข่าวที่ห้ามเผยแพร่ก่อนเวลา ${n}`,
          body: 'เนื้อหา',
          section: { connect: [sections.data[0]!.documentId] },
          scheduledAt: new Date(due).toISOString(),
        }),
      });
      expect(created.status).toBe(201);
      ids.push(((await created.json()) as { data: { documentId: string } }).data.documentId);
    }
    const published = async () => {
      const query = new URLSearchParams({ 'fields[0]': 'firstPublishedAt', 'pagination[pageSize]': '100' });
      ids.forEach((id, i) => query.set(`filters[documentId][$in][${i}]`, id));
      const response = await fetch(`${first.url}/api/articles?${query}`, {
        headers: { Authorization: `Bearer ${first.secrets.CMS_READ_TOKEN}` },
      });
      return ((await response.json()) as { data: { documentId: string; firstPublishedAt: string }[] }).data;
    };
    await expect.poll(async () => (await published()).length, { timeout: 60_000, intervals: [500] }).toBe(10);
    // Give a second publish by the other instance every chance to happen.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const rows = await published();
    expect(rows.map((row) => row.documentId).sort()).toEqual([...ids].sort());
    for (const row of rows) expect(Date.parse(row.firstPublishedAt)).toBeGreaterThanOrEqual(due - 1_000);
    const publishes = (id: string) => events.filter((e) => e.event === 'entry.publish' && e.documentId === id).length;
    expect(ids.map(publishes)).toEqual(ids.map(() => 1));
  });
});
