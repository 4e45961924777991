/**
 * The pictures and clips a newsroom attaches: the upload allow-list (config/plugins.ts) and
 * the types /uploads/ may show inline rather than as a download (middlewares/upload-headers.ts).
 * None of them can run script; HTML, scripts, SVG and documents are not among them.
 */
export const UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
  'video/mp4',
  'video/webm',
];
