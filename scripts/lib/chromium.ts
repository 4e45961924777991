import { existsSync } from 'node:fs';

/** Debian's Chromium: Playwright cannot download its own browsers on these machines. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Without these, Chromium keeps calling Google's services and floods a closed network. */
export const QUIET_CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu',
];

/** Playwright launch options: Debian's Chromium where installed, Playwright's own elsewhere. */
export function chromiumLaunchOptions(extraArgs: string[] = []) {
  return {
    ...(existsSync(DEBIAN_CHROMIUM) ? { executablePath: DEBIAN_CHROMIUM } : {}),
    args: [...QUIET_CHROMIUM_ARGS, ...extraArgs],
  };
}
