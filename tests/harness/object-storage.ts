import { rmSync } from 'node:fs';
import path from 'node:path';
import S3rver from 's3rver';
import { projectTempDir } from './throwaway.ts';

/** An S3-compatible server on this machine, with one bucket, and the CMS settings that store uploads there. */
export interface ObjectStorage {
  /** The server's address (the S3 endpoint). */
  endpoint: string;
  bucket: string;
  /** Where readers and the site build fetch the bucket's files (UPLOADS_PUBLIC_URL). */
  publicUrl: string;
  /** Strapi's environment for this bucket (cms-schema/src/upload-storage.ts). */
  cmsEnv: Record<string, string>;
  /** The folder s3rver keeps the objects in. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts s3rver (an S3-compatible server that keeps objects on disk) on a free port with an
 * empty bucket: the object storage of the tests, where production has S3, R2 or MinIO.
 */
export async function startObjectStorage(bucket = 'newsroom-uploads'): Promise<ObjectStorage> {
  const home = projectTempDir('s3-');
  const dir = path.join(home, 'objects');
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const publicUrl = `${endpoint}/${bucket}`;
  return {
    endpoint,
    bucket,
    publicUrl,
    dir,
    // s3rver's fixed credentials.
    cmsEnv: {
      UPLOADS_S3_BUCKET: bucket,
      UPLOADS_S3_ENDPOINT: endpoint,
      UPLOADS_S3_ACCESS_KEY_ID: 'S3RVER',
      UPLOADS_S3_SECRET_ACCESS_KEY: 'S3RVER',
      UPLOADS_PUBLIC_URL: publicUrl,
    },
    async stop() {
      await server.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
