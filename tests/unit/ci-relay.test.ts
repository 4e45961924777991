import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRelay } from '../../server/src/ci-relay';
import { fakeStrapi } from './fake-strapi';

const SECRET = 'relay-secret-0123456789';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A relay in front of a fake GitHub API that answers `status` to dispatches, over a CMS publishing `print()`. */
async function relayTo(status: number, print: () => string = () => `articles:${Math.random()}`) {
  const github = await fakeStrapi((_req, res) => {
    res.writeHead(status).end(status === 204 ? undefined : '{"message":"Bad credentials"}');
  });
  const { server, publisher } = createRelay({
    repository: 'newsroom/site',
    githubToken: 'gh-token',
    hookSecret: SECRET,
    apiUrl: github.url,
    publishedPrint: () => Promise.resolve(print()),
    quietMs: 50,
    maxWaitMs: 200,
    log: () => {},
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/strapi`;
  cleanups.push(async () => {
    publisher.stop();
    await publisher.idle();
    await new Promise((resolve) => server.close(resolve));
    await github.close();
  });
  return { url, github, publisher };
}

const post = (url: string, secret: string) =>
  fetch(url, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: '{"event":"entry.publish"}' });

describe('webhook relay to repository_dispatch', () => {
  it('rejects a forged webhook and dispatches nothing', async () => {
    const { url, github, publisher } = await relayTo(204);
    expect((await post(url, 'wrong')).status).toBe(401);
    // Nothing was counted: no event waits, no dispatch is on its way.
    expect(publisher.pending()).toBe(0);
    await publisher.idle();
    expect(publisher.records).toHaveLength(0);
    // A genuine webhook after it dispatches once: the forged one added nothing.
    expect((await post(url, SECRET)).status).toBe(202);
    await vi.waitFor(() => expect(publisher.records).toHaveLength(1));
    await publisher.idle();
    expect(github.seen).toHaveLength(1);
  });

  it('turns a burst of 50 publishes into at most 2 dispatches, with the token', async () => {
    const { url, github, publisher } = await relayTo(204);
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(url, SECRET)));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    // idle() waits for the debounce and every dispatch it starts.
    await publisher.idle();
    expect(github.seen.length).toBeGreaterThanOrEqual(1);
    expect(github.seen.length).toBeLessThanOrEqual(2);
    expect(github.seen[0]).toMatchObject({ path: '/repos/newsroom/site/dispatches', authorization: 'Bearer gh-token' });
  });

  it('records why a dispatch failed', async () => {
    const { url, publisher } = await relayTo(401);
    await post(url, SECRET);
    await publisher.idle();
    expect(publisher.records[0]).toMatchObject({ result: 'failed' });
    expect(publisher.records[0]?.error).toContain('GitHub answered 401');
  });

  it('sends no dispatch for draft saves: only when what the CMS publishes changed', async () => {
    let published = 'articles:49:2026-11-28T01:00:00.000Z';
    const { url, github, publisher } = await relayTo(204, () => published);
    await post(url, SECRET);
    await vi.waitFor(() => expect(publisher.records[0]?.result).toBe('live'));
    for (let save = 0; save < 3; save++) {
      await post(url, SECRET); // a writer saves a draft: the published print stays
      await vi.waitFor(() => expect(publisher.records).toHaveLength(save + 2));
      await publisher.idle();
    }
    expect(publisher.records.slice(0, 3).map((r) => r.result)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(github.seen).toHaveLength(1);
    published = 'articles:50:2026-11-28T01:05:00.000Z';
    await post(url, SECRET);
    await vi.waitFor(() => expect(github.seen).toHaveLength(2));
  });
});
