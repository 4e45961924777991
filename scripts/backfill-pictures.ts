/**
 * `npm run pictures:backfill`: gives every picture uploaded before the newsroom made variants at
 * upload its AVIF and WebP variants (cms-schema/src/picture-variants.ts), with a progress line.
 * Each picture is read from where it is stored (the uploads folder, or its bucket URL), encoded
 * by the upload plugin's own image service, stored through the upload provider, and recorded in
 * its `formats`; pictures that have them already are left alone, so it can be stopped and run
 * again. It boots Strapi in-process without its HTTP server (on SQLite, stop the CMS first).
 */
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { ensureUploadsDir, publicDirFromEnv } from '../server/src/cms-process.ts';
import { paths } from '../server/src/paths.ts';

const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi') as typeof import('@strapi/strapi');

/** A picture's row in the media library. */
interface FileRow {
  id: number;
  name: string;
  hash: string;
  ext: string;
  mime: string;
  url: string;
  path: string | null;
  formats: Record<string, object> | null;
}
/** A variant as the upload plugin's image service makes it (cms-schema/src/extensions/upload). */
interface Variant {
  key: string;
  file: Record<string, unknown> & { url?: string; getStream?: unknown; filepath?: string; stream?: unknown };
}

process.env.STRAPI_LOG_LEVEL ??= 'warn';
const say = (line: string) => console.log(`[pictures] ${line}`);
process.chdir(paths.cms);
const publicDir = publicDirFromEnv();
ensureUploadsDir(publicDir);
const strapi = await createStrapi({ appDir: paths.cms, distDir: paths.cmsDist }).load();
strapi.log.level = 'warn';
const files = strapi.db.query('plugin::upload.file');
const images = strapi
  .plugin('upload')
  .service<{ generateResponsiveFormats(file: object): Promise<Variant[]> }>('image-manipulation');
const provider = strapi.plugin('upload').service<{ upload(file: object): Promise<void> }>('provider');

/** What the media library keeps of a variant: its fields, not the stream or the temporary file. */
function stored(variant: Variant['file']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(variant).filter(([key]) => !['getStream', 'filepath', 'stream'].includes(key)),
  );
}

/** The original's bytes, from the uploads folder or from its bucket URL. */
async function original(file: FileRow): Promise<() => NodeJS.ReadableStream> {
  if (file.url.startsWith('/uploads/')) return () => createReadStream(path.join(publicDir, file.url));
  const response = await fetch(file.url);
  if (!response.ok) throw new Error(`${file.url} answered ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return () => Readable.from([bytes]);
}

const started = performance.now();
const counts = { done: 0, had: 0, failed: 0 };
try {
  const total = await files.count({ where: { mime: { $startsWith: 'image/' } } });
  say(`${total} pictures in the media library`);
  for (let offset = 0; offset < total; offset += 100) {
    const page = (await files.findMany({
      where: { mime: { $startsWith: 'image/' } },
      orderBy: { id: 'asc' },
      offset,
      limit: 100,
    })) as FileRow[];
    for (const file of page) {
      if (Object.keys(file.formats ?? {}).some((key) => key.startsWith('avif_'))) {
        counts.had++;
        continue;
      }
      const work = mkdtempSync(path.join(tmpdir(), 'pictures-'));
      try {
        const getStream = await original(file);
        const variants = await images.generateResponsiveFormats({ ...file, getStream, tmpWorkingDirectory: work });
        const formats: Record<string, object> = { ...file.formats };
        for (const { key, file: variant } of variants) {
          await provider.upload(variant);
          formats[key] = stored(variant);
        }
        await files.update({ where: { id: file.id }, data: { formats } });
        counts.done++;
      } catch (error) {
        counts.failed++;
        say(
          `picture ${file.id} (${file.url}) left as it is: ${error instanceof Error ? error.message : String(error)}`,
        );
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }
    const seconds = (performance.now() - started) / 1000;
    say(
      `${Math.min(offset + 100, total)}/${total}: ${counts.done} given variants, ${counts.had} had them (${seconds.toFixed(0)} s)`,
    );
  }
  say(`done: ${counts.done} given variants, ${counts.had} had them, ${counts.failed} failed`);
  if (counts.failed > 0) process.exitCode = 1;
} finally {
  await strapi.destroy();
}
