/**
 * Times consecutive steps: `lap(name)` ends step `name` now and records its milliseconds in
 * `steps`, typed by the caller (which steps it names, which may be missing). One helper for the
 * fast publish's phases (server/src/fast-publish.ts) and its plan's steps
 * (src/lib/server/fast-publish-batch.ts); no imports, so the server's plain Node and the site's
 * bundle both load it.
 */
export function stepTimer<Steps extends Record<string, number | undefined> = Record<string, number>>() {
  const steps = {} as Steps;
  let last = performance.now();
  return {
    steps,
    lap: (name: keyof Steps & string) => {
      const now = performance.now();
      (steps as Record<string, number>)[name] = Math.round(now - last);
      last = now;
    },
  };
}
