/**
 * `npm run relay`: the webhook relay for CI deploys (docs/publishing.md, "CI deploys").
 * Listens on RELAY_PORT for Strapi's webhook at POST /hooks/strapi and sends GitHub a
 * repository_dispatch (`content-changed`) for GITHUB_REPOSITORY with GITHUB_TOKEN, when what
 * the CMS at CMS_URL publishes (read with CMS_READ_TOKEN) changed.
 */
import { publishedPrint, restTypes } from '../server/src/published-fingerprint.ts';
import { createRelay } from '../server/src/ci-relay.ts';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`relay: the environment variable ${name} is not set (see .env.example)`);
    process.exit(1);
  }
  return value;
}

const port = Number(process.env.RELAY_PORT ?? 8787);
const cmsUrl = required('CMS_URL');
const cmsToken = required('CMS_READ_TOKEN');
const types = restTypes();
const { server } = createRelay({
  // A CMS that does not answer gives no print, and the dispatch goes out: CI reports the failure.
  publishedPrint: () => publishedPrint(cmsUrl, cmsToken, types).catch(() => null),
  repository: required('GITHUB_REPOSITORY'),
  githubToken: required('GITHUB_TOKEN'),
  hookSecret: required('PUBLISH_HOOK_SECRET'),
  log: (line) => console.log(`[relay] ${line.replace(/^build/, 'dispatch')}`),
});
server.listen(port, process.env.RELAY_HOST ?? '127.0.0.1', () => {
  console.log(`[relay] listening on :${port}/hooks/strapi → repository_dispatch on ${process.env.GITHUB_REPOSITORY}`);
});
