import { startNewsroom } from './suite-newsroom';

/** Playwright global setup: one real newsroom for every spec; the returned function tears it down. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  return startNewsroom();
}
