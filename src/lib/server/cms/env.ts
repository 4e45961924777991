import * as env from 'astro:env/server';
import { cmsClientOptions } from './config';
import type { CmsClientOptions } from './client';

/** The CMS configuration of this build, from astro:env, checked (a missing variable is named). */
export function cmsOptions(): CmsClientOptions {
  return cmsClientOptions(env);
}
