/**
 * A missing or broken upload must not break a page or the build: Astro fetches remote images
 * only after every page has rendered, and one failed fetch there fails the whole build. So
 * each image is probed while its page renders (once per URL per build), and an unusable one
 * is left out of the page with a warning that names the story and the URL.
 */
const probes = new Map<string, Promise<boolean>>();

/** Reads enough of the image to know its size; throws when it is missing or not an image. */
export type ImageProbe = (url: string) => Promise<unknown>;

/**
 * Whether the image at `url` can be used. `where` names the page and field for the warning,
 * e.g. `story 12 cover`.
 */
export function usableImage(url: string, probe: ImageProbe, where: string): Promise<boolean> {
  let result = probes.get(url);
  if (!result) {
    result = probe(url).then(
      () => true,
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        console.warn(`[images] ${where}: ${url} is unusable and is left out of the page (${reason})`);
        return false;
      },
    );
    probes.set(url, result);
  }
  return result;
}
