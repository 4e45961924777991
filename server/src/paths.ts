import { fileURLToPath } from 'node:url';

/** Absolute paths of the project's parts, independent of the caller's working directory. */
export const paths = {
  root: fileURLToPath(new URL('../../', import.meta.url)),
  cms: fileURLToPath(new URL('../../cms-schema/', import.meta.url)),
  cmsDist: fileURLToPath(new URL('../../cms-schema/dist/', import.meta.url)),
  cmsAdminBuild: fileURLToPath(new URL('../../cms-schema/dist/build/', import.meta.url)),
  releases: fileURLToPath(new URL('../../.releases/', import.meta.url)),
};
