import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { newsroomState } from '../harness/suite-newsroom';
import { pagesOfEveryType } from '../harness/page-types';

// vnu-jar's main export is the path of the W3C Nu HTML Checker's jar.
const vnuJar = String(createRequire(import.meta.url)('vnu-jar'));
const javaRuns = spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;

interface VnuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
}

test.describe('valid HTML (W3C Nu HTML Checker)', () => {
  test.skip(
    !javaRuns,
    'no Java runtime: install default-jre-headless (npm test does so when it runs as root on Debian)',
  );

  test('one page of every page type has zero errors', async () => {
    const { siteUrl } = newsroomState();
    const dir = mkdtempSync(path.join(tmpdir(), 'html-validity-'));
    try {
      const files = new Map<string, string>();
      for (const page of await pagesOfEveryType()) {
        const response = await fetch(`${siteUrl}${page.path}`);
        expect(response.status, page.type).toBe(page.status);
        const file = path.join(dir, `${page.type.replaceAll(' ', '-')}.html`);
        writeFileSync(file, await response.text());
        files.set(path.basename(file), page.type);
      }
      // A canary with the very error the layout once had proves the checker runs and reports.
      writeFileSync(
        path.join(dir, 'canary.html'),
        '<!doctype html><html lang="th"><title>x</title></html><script></script>',
      );
      files.set('canary.html', 'canary');
      // One JVM for every file; --errors-only leaves out warnings and info, --exit-zero-always
      // lets the JSON report, not the exit code, say what failed.
      const run = spawnSync(
        'java',
        [
          '-jar',
          vnuJar,
          '--format',
          'json',
          '--errors-only',
          '--exit-zero-always',
          ...[...files.keys()].map((f) => path.join(dir, f)),
        ],
        { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      expect(run.status, run.stderr).toBe(0);
      const { messages } = JSON.parse(run.stderr) as { messages: VnuMessage[] };
      const errors = messages
        .filter((m) => m.type === 'error' || m.type === 'non-document-error')
        .map((m) => `${files.get(path.basename(decodeURIComponent(m.url)))}: line ${m.lastLine}: ${m.message}`);
      expect(errors.filter((error) => error.startsWith('canary:'))).toContainEqual(
        expect.stringContaining('Stray start tag “script”'),
      );
      expect(errors.filter((error) => !error.startsWith('canary:'))).toEqual([]);
      expect(files.size).toBe(16);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
