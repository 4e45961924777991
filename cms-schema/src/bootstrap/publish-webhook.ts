import type { Core } from '@strapi/strapi';

const WEBHOOK_NAME = 'site-publish';
// Every event that can change what readers see: a saved draft (entry.update) costs the site one
// small check that finds nothing published changed, while a missed category or Global change
// would leave the site stale.
const EVENTS = ['entry.create', 'entry.update', 'entry.delete', 'entry.publish', 'entry.unpublish'];

interface Webhook {
  id: string | number;
  name: string;
  url: string;
  headers: Record<string, string>;
  events: string[];
  isEnabled: boolean;
}

interface WebhookStore {
  findWebhooks(): Promise<Webhook[] | null>;
  createWebhook(data: Omit<Webhook, 'id'>): Promise<Webhook>;
  updateWebhook(id: Webhook['id'], data: Omit<Webhook, 'id'>): Promise<Webhook>;
}

interface WebhookRunner {
  add(webhook: Webhook): void;
  update(webhook: Webhook): void;
}

/**
 * Points Strapi's "site-publish" webhook at the site's publish hook, from PUBLISH_HOOK_URL
 * and PUBLISH_HOOK_SECRET, so publishing rebuilds the site without anyone clicking through
 * the admin's webhook settings. Idempotent; disables the webhook when the URL is unset.
 */
export async function provisionPublishWebhook(strapi: Core.Strapi): Promise<void> {
  const url = process.env.PUBLISH_HOOK_URL;
  const secret = process.env.PUBLISH_HOOK_SECRET;
  const store = strapi.get('webhookStore') as WebhookStore;
  const runner = strapi.get('webhookRunner') as WebhookRunner;
  const existing = (await store.findWebhooks())?.find((w) => w.name === WEBHOOK_NAME);

  if (!url || !secret) {
    if (existing?.isEnabled) {
      runner.update(await store.updateWebhook(existing.id, { ...existing, isEnabled: false }));
      strapi.log.info('[newsroom] PUBLISH_HOOK_URL unset: disabled the site-publish webhook');
    }
    return;
  }

  const wanted = {
    name: WEBHOOK_NAME,
    url,
    headers: { Authorization: `Bearer ${secret}` },
    events: EVENTS,
    isEnabled: true,
  };
  if (!existing) {
    runner.add(await store.createWebhook(wanted));
    strapi.log.info(`[newsroom] created the site-publish webhook → ${url}`);
    return;
  }
  const same =
    existing.url === url &&
    existing.isEnabled &&
    existing.headers.Authorization === wanted.headers.Authorization &&
    EVENTS.every((e) => existing.events.includes(e));
  if (!same) runner.update(await store.updateWebhook(existing.id, wanted));
}
