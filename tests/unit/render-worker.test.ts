import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NOT_FOUND_TEXT, startReleaseRenderer, type ReleaseRenderer } from '../../scripts/lib/render-worker';

let release: string;
let renderer: ReleaseRenderer;

beforeAll(async () => {
  release = mkdtempSync(path.join(tmpdir(), 'render-worker-'));
  mkdirSync(path.join(release, 'server'));
  mkdirSync(path.join(release, 'client', 'express-render'), { recursive: true });
  // A release's server entry, as the node adapter writes it in middleware mode.
  writeFileSync(
    path.join(release, 'server', 'entry.mjs'),
    `export async function handler(req, res, next) {
       if (req.url !== '/express-render/') return next();
       res.writeHead(200, { 'content-type': 'text/html' });
       res.end('rendered with key ' + process.env.EXPRESS_RENDER_KEY);
     }`,
  );
  writeFileSync(path.join(release, 'client', 'express-render', 'catalog.json'), '{"v":1}');
  renderer = await startReleaseRenderer(release, { EXPRESS_RENDER_KEY: 'the-key' });
});
afterAll(async () => {
  await renderer.close();
  rmSync(release, { recursive: true, force: true });
});

describe('startReleaseRenderer', () => {
  it.each([
    ['/express-render/', {}, 200, 'rendered with key the-key'],
    ['/express-render/catalog.json', { 'x-express-key': 'the-key' }, 200, '{"v":1}'],
    ['/express-render/catalog.json', { 'x-express-key': 'the-kez' }, 404, NOT_FOUND_TEXT],
    ['/express-render/catalog.json', {}, 404, NOT_FOUND_TEXT],
    ['/somewhere-else', {}, 404, NOT_FOUND_TEXT],
  ])('GET %s %j → %i', async (route, headers, status, body) => {
    const response = await fetch(`${renderer.url}${route}`, { headers });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(body);
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
