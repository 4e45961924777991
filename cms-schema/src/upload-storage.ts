/**
 * Where uploads are stored: the CMS's own disk (the default: `public/uploads/`, served by
 * Strapi), or an S3-compatible bucket through Strapi's own provider
 * (`@strapi/provider-upload-aws-s3`), chosen by the environment. Readers and the site build
 * fetch a bucket's files from UPLOADS_PUBLIC_URL (the bucket's public address, or a CDN in
 * front of it), never through the CMS.
 */

/** Every upload's name carries its own hash, so its content never changes: caches keep it a year. */
export const UPLOAD_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** The environment variables that choose and configure the storage. */
export type UploadEnv = Partial<
  Record<
    | 'UPLOADS_S3_BUCKET'
    | 'UPLOADS_S3_REGION'
    | 'UPLOADS_S3_ENDPOINT'
    | 'UPLOADS_S3_ACCESS_KEY_ID'
    | 'UPLOADS_S3_SECRET_ACCESS_KEY'
    | 'UPLOADS_S3_PREFIX'
    | 'UPLOADS_S3_ACL'
    | 'UPLOADS_PUBLIC_URL',
    string
  >
>;

/** Strapi's upload plugin settings for the storage the environment chooses (without the allow-list). */
export type UploadStorage =
  | { provider: 'local'; providerOptions: { localServer: { maxage: number; immutable: boolean } } }
  | {
      provider: 'aws-s3';
      providerOptions: {
        baseUrl: string;
        rootPath?: string;
        s3Options: {
          region: string;
          endpoint?: string;
          forcePathStyle: boolean;
          credentials?: { accessKeyId: string; secretAccessKey: string };
          requestChecksumCalculation: 'WHEN_REQUIRED';
          responseChecksumValidation: 'WHEN_REQUIRED';
          params: { Bucket: string; ACL: string | undefined };
        };
      };
      actionOptions: Record<'upload' | 'uploadStream', { CacheControl: string }>;
    };

/** The origin of a URL the configuration names, or an error naming the variable. */
function httpUrl(name: string, value: string): URL {
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new Error(`${name} must be an http(s) URL, not "${value}"`);
  return url;
}

/**
 * The upload storage `env` asks for: an S3-compatible bucket when UPLOADS_S3_BUCKET is set, the
 * local disk otherwise. Throws naming the variable when the bucket's settings are incomplete.
 */
export function uploadStorage(env: UploadEnv): UploadStorage {
  const bucket = env.UPLOADS_S3_BUCKET?.trim();
  if (!bucket) {
    return { provider: 'local', providerOptions: { localServer: { maxage: 365 * 24 * 3600 * 1000, immutable: true } } };
  }
  const publicUrl = env.UPLOADS_PUBLIC_URL?.trim();
  if (!publicUrl)
    throw new Error('UPLOADS_S3_BUCKET is set: UPLOADS_PUBLIC_URL must say where readers fetch its files');
  httpUrl('UPLOADS_PUBLIC_URL', publicUrl);
  const endpoint = env.UPLOADS_S3_ENDPOINT?.trim();
  if (endpoint) httpUrl('UPLOADS_S3_ENDPOINT', endpoint);
  const accessKeyId = env.UPLOADS_S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.UPLOADS_S3_SECRET_ACCESS_KEY?.trim();
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey))
    throw new Error('UPLOADS_S3_ACCESS_KEY_ID and UPLOADS_S3_SECRET_ACCESS_KEY are set together, or neither');
  const prefix = env.UPLOADS_S3_PREFIX?.trim();
  return {
    provider: 'aws-s3',
    providerOptions: {
      baseUrl: publicUrl.replace(/\/+$/, ''),
      ...(prefix ? { rootPath: prefix } : {}),
      s3Options: {
        region: env.UPLOADS_S3_REGION?.trim() || 'us-east-1',
        // An S3-compatible server (MinIO, R2, s3rver) is addressed by path: bucket names are not
        // subdomains there.
        ...(endpoint ? { endpoint, forcePathStyle: true } : { forcePathStyle: false }),
        // Without keys, the AWS SDK's own chain (instance role, AWS_* variables) is used.
        ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
        // Checksums only where S3 requires them: S3-compatible servers refuse the SDK's newer
        // streaming checksums, and the content is checked by its hash in the name anyway.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        // No ACL header unless asked for: buckets created since 2023 refuse ACLs, and public
        // reading is the bucket policy's (or the CDN's) job. The key must be present: without
        // it the provider sends public-read.
        params: { Bucket: bucket, ACL: env.UPLOADS_S3_ACL?.trim() || undefined },
      },
    },
    // Sent with every object: the bucket (or the CDN in front) tells readers to keep it.
    actionOptions: {
      upload: { CacheControl: UPLOAD_CACHE_CONTROL },
      uploadStream: { CacheControl: UPLOAD_CACHE_CONTROL },
    },
  };
}

/** The origin readers fetch uploads from when they are not on the CMS's disk, else null. */
export function uploadsOrigin(env: UploadEnv): string | null {
  const storage = uploadStorage(env);
  return storage.provider === 'aws-s3' ? new URL(storage.providerOptions.baseUrl).origin : null;
}
