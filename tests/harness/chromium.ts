import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';

/** Debian's Chromium: used when present, since Playwright cannot download its own everywhere. */
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

/** Whether Playwright can start the Chromium that chromiumLaunchOptions() picks; the error text when not. */
export async function chromiumStarts(): Promise<true | string> {
  try {
    const browser = await chromium.launch(chromiumLaunchOptions());
    await browser.close();
    return true;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  }
}

/** How a missing tool can be installed on this machine, in the order they are tried. */
export interface Installer {
  name: string;
  /** Whether this way can work here at all. */
  possible: boolean;
  /** Runs it; true when it finished without error. */
  run(): boolean;
}

const run = (command: string, args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(command, args, { stdio: 'inherit', env }).status === 0;

/** True on Debian or Ubuntu when this process may install system packages. */
export function canAptInstall(): boolean {
  return process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
}

let aptUpdated = false;

/** `apt-get install -y <packages>`, after one `apt-get update` per process. */
export function aptInstall(...packages: string[]): boolean {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) aptUpdated = run('apt-get', ['update', '-qq'], env);
  return aptUpdated && run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], env);
}

/**
 * The ways to obtain Chromium, as the ecosystem does: Playwright's own installer (which needs
 * its download host), then the distribution's package when running as root on Debian/Ubuntu.
 */
export function chromiumInstallers(): Installer[] {
  return [
    {
      name: 'npx playwright install chromium',
      possible: true,
      run: () => run(process.execPath, [playwrightCli(), 'install', 'chromium']),
    },
    { name: 'apt-get install -y chromium', possible: canAptInstall(), run: () => aptInstall('chromium') },
  ];
}

/** Playwright's command-line entry, run with this Node rather than whatever `npx` finds first. */
function playwrightCli(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.resolve('playwright/package.json'))), 'cli.js');
}

/** The one command that gives this machine a browser when nothing here could. */
export function chromiumFixCommand(): string {
  return existsSync('/etc/debian_version') ? 'sudo apt-get install -y chromium' : 'npx playwright install chromium';
}
