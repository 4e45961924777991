import { describe, expect, it } from 'vitest';
import {
  UPLOAD_CACHE_CONTROL,
  uploadsOrigin,
  uploadStorage,
  type UploadEnv,
} from '../../cms-schema/src/upload-storage';

const bucket: UploadEnv = {
  UPLOADS_S3_BUCKET: 'newsroom',
  UPLOADS_S3_ENDPOINT: 'http://127.0.0.1:9000',
  UPLOADS_S3_ACCESS_KEY_ID: 'key',
  UPLOADS_S3_SECRET_ACCESS_KEY: 'secret',
  UPLOADS_PUBLIC_URL: 'https://media.example.co.th/newsroom/',
};

describe('uploadStorage', () => {
  it('keeps uploads on the CMS disk, cached a year, when no bucket is named', () => {
    expect(uploadStorage({})).toEqual({
      provider: 'local',
      providerOptions: { localServer: { maxage: 31_536_000_000, immutable: true } },
    });
    expect(uploadsOrigin({})).toBeNull();
  });

  it('stores uploads in the bucket, addressed by path on an S3-compatible server, never with an ACL unless asked', () => {
    const storage = uploadStorage(bucket);
    if (storage.provider !== 'aws-s3') throw new Error('expected the S3 provider');
    expect(storage.providerOptions.baseUrl).toBe('https://media.example.co.th/newsroom');
    expect(storage.providerOptions.s3Options).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      params: { Bucket: 'newsroom', ACL: undefined },
    });
    expect('ACL' in storage.providerOptions.s3Options.params).toBe(true);
    expect(storage.actionOptions.uploadStream.CacheControl).toBe(UPLOAD_CACHE_CONTROL);
    expect(uploadsOrigin(bucket)).toBe('https://media.example.co.th');
  });

  it("uses AWS's own addressing and credential chain when no endpoint or keys are given", () => {
    const storage = uploadStorage({
      UPLOADS_S3_BUCKET: 'b',
      UPLOADS_PUBLIC_URL: 'https://b.s3.amazonaws.com',
      UPLOADS_S3_REGION: 'ap-southeast-1',
    });
    if (storage.provider !== 'aws-s3') throw new Error('expected the S3 provider');
    expect(storage.providerOptions.s3Options).not.toHaveProperty('credentials');
    expect(storage.providerOptions.s3Options).toMatchObject({ forcePathStyle: false, region: 'ap-southeast-1' });
  });

  it.each([
    [{ ...bucket, UPLOADS_PUBLIC_URL: '' }, /UPLOADS_PUBLIC_URL must say where/],
    [{ ...bucket, UPLOADS_PUBLIC_URL: 'javascript:alert(1)' }, /UPLOADS_PUBLIC_URL must be an http\(s\) URL/],
    [{ ...bucket, UPLOADS_S3_ENDPOINT: 'ftp://files' }, /UPLOADS_S3_ENDPOINT must be an http\(s\) URL/],
    [{ ...bucket, UPLOADS_S3_SECRET_ACCESS_KEY: '' }, /are set together, or neither/],
  ])('names the variable when the bucket settings are wrong (%#)', (env, message) => {
    expect(() => uploadStorage(env)).toThrow(message);
  });
});
