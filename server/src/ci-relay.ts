import { createServer, type Server } from 'node:http';
import { ChangeGate } from './change-gate.ts';
import { Publisher, type BuildFn } from './publisher.ts';
import { sameSecret } from '../../shared/same-secret.ts';

/** Where and how the relay dispatches. */
export interface RelayOptions {
  /** `owner/name` of the GitHub repository whose workflow rebuilds the site. */
  repository: string;
  /** A GitHub token allowed to send repository_dispatch (fine-grained: Contents read & write). */
  githubToken: string;
  /** Secret Strapi's webhook sends as `Authorization: Bearer …`. */
  hookSecret: string;
  /**
   * GitHub's REST API base URL (tests point it at a local fake).
   * @defaultValue 'https://api.github.com'
   */
  apiUrl?: string;
  /**
   * The fingerprint of what the CMS publishes (server/src/published-fingerprint.ts), or null when
   * the CMS does not answer: a dispatch is sent only when it changed since the last one, so a
   * draft save starts no CI build.
   */
  publishedPrint: () => Promise<string | null>;
  /** Debounce of dispatches; a burst of publishes sends one or two. */
  quietMs?: number;
  maxWaitMs?: number;
  log: (line: string) => void;
}

/**
 * Relays Strapi's webhook to GitHub's repository_dispatch: Strapi cannot shape a webhook
 * body, and GitHub only starts a workflow for `{"event_type": …}` with a token. The relay
 * checks Strapi's secret, debounces, and sends `content-changed`, which
 * .github/workflows/deploy.yml listens for, when what the CMS publishes changed.
 */
export function createRelay(options: RelayOptions): { server: Server; publisher: Publisher } {
  const apiUrl = options.apiUrl ?? 'https://api.github.com';
  // CI reads the CMS minutes after the dispatch, so what it builds is never known here: a
  // dispatch is trusted as "built" only for the print it was sent for.
  const gate = new ChangeGate();
  const dispatch: BuildFn = async ({ onlyIfChanged }) => {
    const print = await options.publishedPrint();
    if (onlyIfChanged && gate.skip(print)?.kind === 'unchanged') return null;
    const response = await fetch(`${apiUrl}/repos/${options.repository}/dispatches`, {
      method: 'POST',
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${options.githubToken}`,
        'content-type': 'application/json',
        'x-github-api-version': '2022-11-28',
      },
      body: JSON.stringify({ event_type: 'content-changed', client_payload: { source: 'strapi' } }),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status !== 204) throw new Error(`GitHub answered ${response.status}: ${await response.text()}`);
    gate.built(print, print);
    return { release: 'repository_dispatch', pages: 0 };
  };
  // The publisher's debounce and single flight apply unchanged: a "build" here is a dispatch.
  const publisher = new Publisher(dispatch, options.log, {
    quietMs: options.quietMs ?? 2000,
    maxWaitMs: options.maxWaitMs ?? 10_000,
  });
  const server = createServer((req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (req.method !== 'POST' || req.url !== '/hooks/strapi') {
      res.writeHead(404).end();
    } else if (!sameSecret(token, options.hookSecret)) {
      res.writeHead(401).end();
    } else {
      req.resume();
      publisher.contentChanged();
      res.writeHead(202).end();
    }
  });
  return { server, publisher };
}
