/**
 * The integration suite again, against PostgreSQL: runs when DATABASE_URL is set (CI sets
 * it to the machine's PostgreSQL), and says plainly that it is skipped otherwise.
 */
import { spawnSync } from 'node:child_process';
import { binScript } from '../server/src/processes.ts';

if (!process.env.DATABASE_URL) {
  console.log('PostgreSQL integration suite: skipped (DATABASE_URL is not set; CI sets it)');
  process.exit(0);
}
console.log(`PostgreSQL integration suite against ${process.env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`);
const result = spawnSync(process.execPath, [binScript('@playwright/test', 'cli.js'), 'test', '--project=integration'], {
  stdio: 'inherit',
  env: { ...process.env, NEWSROOM_TEST_DB: 'postgres' },
});
process.exit(result.status ?? 1);
