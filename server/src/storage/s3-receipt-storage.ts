import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { Client } from 'minio';
import type { S3Config } from '../config';
import { assertStorageKey, StoredObjectMissingError, type ReceiptStorage } from './receipt-storage';

/** Receipts as objects in a private MinIO/S3 bucket, for stateless replicas. */
export class S3ReceiptStorage implements ReceiptStorage {
  private readonly client: Client;

  constructor(private readonly config: S3Config) {
    this.client = new Client({
      endPoint: config.endPoint,
      port: config.port,
      useSSL: config.useSSL,
      accessKey: config.accessKey,
      secretKey: config.secretKey,
      region: config.region,
      pathStyle: true,
      transport: timedTransport(config.useSSL ? https : http, config.timeoutMs),
    });
  }

  /** Creates the bucket when it is missing. It is never given a public policy: downloads go through the app. */
  async ensureBucket(): Promise<void> {
    if (await this.client.bucketExists(this.config.bucket)) return;
    try {
      await this.client.makeBucket(this.config.bucket, this.config.region);
    } catch (error) {
      // Replicas starting together race to create it: the loser finds it there and goes on.
      const code = (error as { code?: string }).code;
      const raced = (code === 'BucketAlreadyOwnedByYou' || code === 'BucketAlreadyExists') && (await this.client.bucketExists(this.config.bucket));
      if (!raced) throw error;
    }
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    assertStorageKey(key);
    // With the size known, the client sends one PUT: no multipart upload to leave half-done.
    await this.client.putObject(this.config.bucket, key, body, body.length, { 'Content-Type': contentType });
  }

  async read(key: string): Promise<Readable> {
    assertStorageKey(key);
    try {
      return await this.client.getObject(this.config.bucket, key);
    } catch (error) {
      if ((error as { code?: string }).code === 'NoSuchKey') throw new StoredObjectMissingError(key);
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    assertStorageKey(key);
    await this.client.removeObject(this.config.bucket, key);
  }

  async check(): Promise<void> {
    if (!(await this.client.bucketExists(this.config.bucket))) throw new Error(`Bucket ${this.config.bucket} is missing`);
  }

  async *listKeys(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    const stream = this.client.listObjectsV2(this.config.bucket, '', true);
    for await (const item of stream as AsyncIterable<{ name?: string; lastModified?: Date }>) {
      if (item.name) yield { key: item.name, modifiedAt: item.lastModified ?? new Date(0) };
    }
  }
}

/**
 * The HTTP(S) transport minio sends every call through, with a deadline: a request (or the
 * stream of a download) on which the store sends nothing for `timeoutMs` is destroyed with
 * ETIMEDOUT, which callers answer as SERVICE_UNAVAILABLE. Without it, a frozen store holds
 * uploads and downloads for as long as it is frozen.
 */
function timedTransport(transport: typeof http | typeof https, timeoutMs: number): Pick<typeof http, 'request'> {
  return {
    request: ((options: http.RequestOptions, callback?: (response: http.IncomingMessage) => void) => {
      const request = transport.request(options, callback);
      request.setTimeout(timeoutMs, () => {
        request.destroy(Object.assign(new Error(`The object store did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
      });
      return request;
    }) as typeof http.request,
  };
}
