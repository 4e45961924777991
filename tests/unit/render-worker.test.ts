import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOT_FOUND_TEXT } from '../../shared/not-found';
import { startReleaseRenderer, type ReleaseRenderer } from '../../server/src/render-worker';

let release: string;
let renderer: ReleaseRenderer;

beforeAll(async () => {
  release = mkdtempSync(path.join(tmpdir(), 'render-worker-'));
  mkdirSync(path.join(release, 'server'));
  mkdirSync(path.join(release, 'internal', 'fast-publish'), { recursive: true });
  // A release's server entry, as the node adapter writes it in middleware mode.
  writeFileSync(
    path.join(release, 'server', 'entry.mjs'),
    `export async function handler(req, res, next) {
       if (req.url !== '/fast-publish/') return next();
       res.writeHead(200, { 'content-type': 'text/html' });
       res.end('rendered with key ' + process.env.FAST_PUBLISH_RENDER_KEY);
     }`,
  );
  writeFileSync(path.join(release, 'internal', 'fast-publish', 'catalog.json'), '{"v":1}');
  mkdirSync(path.join(release, 'internal', 'fast-publish', 'catalog'), { recursive: true });
  writeFileSync(path.join(release, 'internal', 'fast-publish', 'catalog', '0.json'), '[{"storyNumber":1}]');
  mkdirSync(path.join(release, 'client', 'search-index', 'w'), { recursive: true });
  writeFileSync(path.join(release, 'client', 'search-index', 'w', 'e15.json'), '["ตก"]');
  writeFileSync(path.join(release, 'client', 'secret.json'), '"not a word list"');
  renderer = await startReleaseRenderer(release, { FAST_PUBLISH_RENDER_KEY: 'the-key' });
});
afterAll(async () => {
  await renderer.close();
  rmSync(release, { recursive: true, force: true });
});

describe('startReleaseRenderer', () => {
  it.each([
    ['/fast-publish/', {}, 200, 'rendered with key the-key'],
    ['/fast-publish/catalog.json', { 'x-fast-publish-key': 'the-key' }, 200, '{"v":1}'],
    ['/fast-publish/catalog.json', { 'x-fast-publish-key': 'the-kez' }, 404, NOT_FOUND_TEXT],
    ['/fast-publish/catalog.json', {}, 404, NOT_FOUND_TEXT],
    ['/somewhere-else', {}, 404, NOT_FOUND_TEXT],
    // The catalog's parts: to the key only, and nothing but a part's name.
    ['/fast-publish/catalog/0.json', { 'x-fast-publish-key': 'the-key' }, 200, '[{"storyNumber":1}]'],
    ['/fast-publish/catalog/0.json', {}, 404, NOT_FOUND_TEXT],
    ['/fast-publish/catalog/1.json', { 'x-fast-publish-key': 'the-key' }, 404, NOT_FOUND_TEXT],
    ['/fast-publish/catalog/..%2Fcatalog.json', { 'x-fast-publish-key': 'the-key' }, 404, NOT_FOUND_TEXT],
    // The built index's word lists, for the fast publish's compound halves: to the key only.
    ['/fast-publish/search-words/e15.json', { 'x-fast-publish-key': 'the-key' }, 200, '["ตก"]'],
    ['/fast-publish/search-words/e15.json', {}, 404, NOT_FOUND_TEXT],
    ['/fast-publish/search-words/e2b.json', { 'x-fast-publish-key': 'the-key' }, 404, NOT_FOUND_TEXT],
    ['/fast-publish/search-words/..%2F..%2Fsecret.json', { 'x-fast-publish-key': 'the-key' }, 404, NOT_FOUND_TEXT],
  ])('GET %s %j → %i', async (route, headers, status, body) => {
    const response = await fetch(`${renderer.url}${route}`, { headers });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(body);
  });

  it('serves the catalog delta of whatever release the live link names at each request, to the key only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'render-worker-live-'));
    const fastPublish = path.join(dir, 'r2');
    mkdirSync(fastPublish);
    writeFileSync(path.join(fastPublish, '.catalog-delta.json'), '{"stories":[],"removed":["x"]}');
    mkdirSync(path.join(dir, 'r1'));
    const other = await startReleaseRenderer(
      release,
      { FAST_PUBLISH_RENDER_KEY: 'k' },
      undefined,
      path.join(dir, 'live', '.catalog-delta.json'),
    );
    const delta = async (key = 'k') => {
      const response = await fetch(`${other.url}/fast-publish/catalog-delta.json`, {
        headers: { 'x-fast-publish-key': key },
      });
      return `${response.status} ${await response.text()}`;
    };
    try {
      expect(await delta()).toBe(`404 ${NOT_FOUND_TEXT}`); // no live release yet
      symlinkSync('r2', path.join(dir, 'live'));
      expect(await delta()).toBe('200 {"stories":[],"removed":["x"]}');
      expect(await delta('wrong')).toBe(`404 ${NOT_FOUND_TEXT}`);
      rmSync(path.join(dir, 'live'));
      symlinkSync('r1', path.join(dir, 'live')); // a built release: no delta
      expect(await delta()).toBe(`404 ${NOT_FOUND_TEXT}`);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says when its worker ends', async () => {
    let ended = false;
    const other = await startReleaseRenderer(release, {}, () => (ended = true));
    expect(ended).toBe(false);
    await other.close();
    await vi.waitFor(() => expect(ended).toBe(true));
  });

  it('fails to start when the release has no server code', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'render-worker-empty-'));
    try {
      await expect(startReleaseRenderer(empty)).rejects.toThrow(/entry\.mjs|Cannot find/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
