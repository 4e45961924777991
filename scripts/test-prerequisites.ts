/**
 * `npm test`'s first step (the `pretest` script): makes sure the machine has what the tests
 * drive. A browser is required: when Playwright cannot start Chromium, it obtains one (see
 * tests/harness/chromium.ts) or stops at once with the one command that fixes it, instead of
 * letting every browser test fail on its own. A Java runtime, for the W3C HTML validator, and
 * Varnish, the shared cache the publish tests run through, are installed the same way when they
 * can be; without them those specs say they are skipped (in CI, a missing Varnish fails the run).
 */
import { spawnSync } from 'node:child_process';
import {
  aptInstall,
  canAptInstall,
  chromiumFixCommand,
  chromiumInstallers,
  chromiumStarts,
} from '../tests/harness/chromium.ts';
import { varnishInstalled } from '../server/src/varnish.ts';

const say = (line: string) => console.log(`[test prerequisites] ${line}`);

async function ensureChromium(): Promise<void> {
  let failure = await chromiumStarts();
  if (failure === true) {
    say('Chromium starts');
    return;
  }
  say(`Playwright cannot start Chromium (${failure}); obtaining one`);
  for (const installer of chromiumInstallers()) {
    if (!installer.possible) continue;
    say(`trying: ${installer.name}`);
    if (!installer.run()) continue;
    failure = await chromiumStarts();
    if (failure === true) {
      say(`Chromium starts (installed by: ${installer.name})`);
      return;
    }
  }
  console.error(
    `\nNo Chromium for the browser tests, and none could be installed here (${failure}).\n` +
      `Install one with:\n\n    ${chromiumFixCommand()}\n\nthen run npm test again.\n`,
  );
  process.exit(1);
}

function ensureJava(): void {
  const java = () => spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
  if (java()) {
    say('Java runs (W3C HTML validator)');
    return;
  }
  if (canAptInstall()) {
    say('no Java runtime; trying: apt-get install -y default-jre-headless');
    if (aptInstall('default-jre-headless') && java()) {
      say('Java runs (W3C HTML validator)');
      return;
    }
  }
  say('no Java runtime: the W3C HTML validator test will be skipped (install default-jre-headless to run it)');
}

function ensureVarnish(): void {
  if (varnishInstalled()) {
    say('Varnish runs (the shared cache in front of the test site)');
    return;
  }
  if (canAptInstall()) {
    say('no Varnish; trying: apt-get install -y varnish');
    if (aptInstall('varnish') && varnishInstalled()) {
      say('Varnish runs (the shared cache in front of the test site)');
      return;
    }
  }
  say('no Varnish: the specs through a shared cache will be skipped (install varnish to run them)');
}

await ensureChromium();
ensureJava();
ensureVarnish();
