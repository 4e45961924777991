import { binScript, QUIET_ENV, runNode } from './processes.ts';

const ASTRO = binScript('astro', 'bin/astro.mjs');

/** What a site build reads. */
export interface SiteBuild {
  cmsUrl: string;
  token: string;
  siteUrl: string;
  /** Where uploads are fetched from when they are in a bucket (UPLOADS_PUBLIC_URL), not on the CMS. */
  uploadsUrl?: string;
  /** Output folder (Astro's outDir); `dist/` by default. */
  outDir?: string;
  /** Astro's content cache for this build; builds that may overlap need their own. */
  cacheDir?: string;
}

/**
 * The Node options of a site build: `--expose-gc` lets it collect the content sync's store
 * before the prerender reads the store's file (src/integrations/data-store-outside-bundle.ts),
 * which keeps both out of memory at once.
 */
export function buildNodeOptions(inherited = process.env.NODE_OPTIONS): string {
  return [inherited, '--expose-gc'].filter(Boolean).join(' ');
}

/** Builds the static site from the CMS; rejects when the build fails. */
export async function buildSite(build: SiteBuild, label: string | null): Promise<void> {
  const args = ['build', ...(build.outDir ? ['--outDir', build.outDir] : [])];
  await runNode('astro build', ASTRO, args, {
    env: {
      ...QUIET_ENV,
      NODE_OPTIONS: buildNodeOptions(),
      CMS_URL: build.cmsUrl,
      CMS_READ_TOKEN: build.token,
      SITE_URL: build.siteUrl,
      ...(build.uploadsUrl ? { UPLOADS_PUBLIC_URL: build.uploadsUrl } : {}),
      // Never inside outDir: the build empties outDir after syncing content into the cache.
      ...(build.cacheDir ? { ASTRO_CACHE_DIR: build.cacheDir } : {}),
    },
    label,
    // On two cores the full build would take the CPU from the fast-publish step a reader waits
    // for: the build is the background pass, so it yields.
    nice: 10,
  });
}
