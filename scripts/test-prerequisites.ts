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

/**
 * Makes sure `tool` runs (`runs()`), installing Debian's `pkg` when it does not and this machine
 * can; otherwise says which specs will be skipped (`without`).
 */
function ensureTool(tool: { name: string; role: string; pkg: string; without: string; runs: () => boolean }): void {
  if (tool.runs()) {
    say(`${tool.name} runs (${tool.role})`);
    return;
  }
  if (canAptInstall()) {
    say(`no ${tool.name}; trying: apt-get install -y ${tool.pkg}`);
    if (aptInstall(tool.pkg) && tool.runs()) {
      say(`${tool.name} runs (${tool.role})`);
      return;
    }
  }
  say(`no ${tool.name}: ${tool.without} will be skipped (install ${tool.pkg} to run them)`);
}

await ensureChromium();
ensureTool({
  name: 'Java',
  role: 'W3C HTML validator',
  pkg: 'default-jre-headless',
  without: 'the W3C HTML validator test',
  runs: () => spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0,
});
ensureTool({
  name: 'Varnish',
  role: 'the shared cache in front of the test site',
  pkg: 'varnish',
  without: 'the specs through a shared cache',
  runs: varnishInstalled,
});
