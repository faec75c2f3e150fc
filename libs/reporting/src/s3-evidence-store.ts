import { randomUUID } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { DomainError } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import { digestInto } from './evidence-digest.js';
import {
  EvidenceStore,
  evidenceStoreUnavailable,
  type OpenedEvidence,
  type RangeChoice,
  SHA256_PATTERN,
  type StagedEvidence,
} from './evidence-store.js';

/** `<platform time in ms>-<uuid>`: a staged object's age is in its key, whatever the server's clock says. */
const TOKEN_PATTERN = /^(\d{1,15})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Object metadata (x-amz-meta-stored-at): the platform clock's time the bytes were put in place. */
const STORED_AT = 'stored-at';

/** The settings the store needs; env.ts requires all of them when EVIDENCE_STORE=s3. */
export interface S3EvidenceSettings {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  prefix: string;
}

export function s3SettingsOf(env: AppEnv): S3EvidenceSettings {
  const { EVIDENCE_S3_ENDPOINT, EVIDENCE_S3_BUCKET, EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY } = env;
  if (!EVIDENCE_S3_ENDPOINT || !EVIDENCE_S3_BUCKET || !EVIDENCE_S3_ACCESS_KEY_ID || !EVIDENCE_S3_SECRET_ACCESS_KEY)
    throw new Error('EVIDENCE_STORE=s3 needs EVIDENCE_S3_ENDPOINT, _BUCKET, _ACCESS_KEY_ID and _SECRET_ACCESS_KEY');
  return {
    endpoint: EVIDENCE_S3_ENDPOINT,
    region: env.EVIDENCE_S3_REGION,
    bucket: EVIDENCE_S3_BUCKET,
    accessKeyId: EVIDENCE_S3_ACCESS_KEY_ID,
    secretAccessKey: EVIDENCE_S3_SECRET_ACCESS_KEY,
    prefix: env.EVIDENCE_S3_PREFIX ?? '',
  };
}

/**
 * Evidence bytes in an S3-compatible object store (MinIO, the object stores of Chinese clouds):
 * staged under `staging/<token>`, put in place by copying to `objects/<sha256>`. Path-style
 * addressing, and checksums only where the protocol requires them, which servers other than
 * Amazon's accept. A store that does not answer (or answers 5xx) is reported as unavailable (503).
 */
@Injectable()
export class S3EvidenceStore extends EvidenceStore implements OnModuleDestroy {
  private readonly client: S3Client;
  private readonly settings: S3EvidenceSettings;

  constructor(
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {
    super();
    this.settings = s3SettingsOf(env);
    this.client = new S3Client({
      endpoint: this.settings.endpoint,
      region: this.settings.region,
      credentials: { accessKeyId: this.settings.accessKeyId, secretAccessKey: this.settings.secretAccessKey },
      forcePathStyle: true,
      // A store that accepts connections but stops answering fails the request (503) instead of holding it.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000, throwOnRequestTimeout: true },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  get maxBytes(): number {
    return this.env.EVIDENCE_MAX_BYTES;
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  async stage(content: Readable): Promise<StagedEvidence> {
    const token = `${this.clock.now().getTime()}-${randomUUID()}`;
    const key = this.stagingKey(token);
    const body = new PassThrough();
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: key, Body: body },
      queueSize: 1,
      leavePartsOnError: false,
    });
    // A store that stops answering must also stop the bytes flowing in, or the upload would wait forever.
    const uploaded = upload.done().catch((error: unknown) => {
      body.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    try {
      const digest = await digestInto(content, body, this.maxBytes);
      await uploaded;
      return { token, ...digest };
    } catch (error) {
      uploaded.catch(() => undefined);
      await upload.abort().catch(() => undefined);
      await this.deleteKey(key).catch(() => undefined);
      throw error instanceof DomainError ? error : unavailableUnlessAnswered(error);
    }
  }

  async promote(staged: StagedEvidence): Promise<void> {
    const from = this.stagingKey(staged.token);
    const to = this.objectKey(staged.sha256);
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.settings.bucket,
          Key: to,
          CopySource: `${this.settings.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
          MetadataDirective: 'REPLACE',
          Metadata: { [STORED_AT]: this.clock.now().toISOString() },
        }),
      );
    } catch (error) {
      // Promoted before (a retry): the staged copy is gone and the object is in place.
      if (!(isMissing(error) && (await this.head(to)))) throw unavailableUnlessAnswered(error);
    }
    await this.deleteKey(from);
  }

  async discard(staged: StagedEvidence): Promise<void> {
    await this.deleteKey(this.stagingKey(staged.token));
  }

  async open(sha256: string, choose?: RangeChoice): Promise<OpenedEvidence | null> {
    const key = this.objectKey(sha256);
    const head = await this.head(key);
    if (!head) return null;
    const size = head.ContentLength ?? 0;
    const range = choose?.(size);
    try {
      const { Body, ContentLength } = await this.client.send(
        new GetObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      if (!(Body instanceof Readable)) throw new Error('the S3 client answered without a Node.js stream');
      // A server that ignores Range sends the whole object: sent as the range, it would corrupt the download.
      if (range && ContentLength !== range.end - range.start + 1) {
        Body.destroy();
        throw new Error(`the object store answered ${ContentLength} bytes for the range ${range.start}-${range.end}`);
      }
      return { stream: Body, size, ...(range ? { range } : {}) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw unavailableUnlessAnswered(error);
    }
  }

  async storedAt(sha256: string): Promise<Date | null> {
    const head = await this.head(this.objectKey(sha256));
    if (!head) return null;
    const stamped = head.Metadata?.[STORED_AT];
    return stamped ? new Date(stamped) : (head.LastModified ?? null);
  }

  async delete(sha256: string): Promise<void> {
    await this.deleteKey(this.objectKey(sha256));
  }

  async *listStoredBefore(cutoff: Date): AsyncIterable<string[]> {
    const prefix = `${this.settings.prefix}objects/`;
    for await (const keys of this.listKeys(prefix)) {
      const batch: string[] = [];
      for (const key of keys) {
        const sha256 = key.slice(prefix.length);
        if (!SHA256_PATTERN.test(sha256)) continue;
        // The listing's LastModified is the server's clock; the stamp is the platform's.
        const storedAt = await this.storedAt(sha256);
        if (storedAt && storedAt.getTime() < cutoff.getTime()) batch.push(sha256);
      }
      if (batch.length) yield batch;
    }
  }

  async removeStagedBefore(cutoff: Date): Promise<number> {
    const prefix = `${this.settings.prefix}staging/`;
    let removed = 0;
    for await (const keys of this.listKeys(prefix)) {
      for (const key of keys) {
        const stagedAt = Number(TOKEN_PATTERN.exec(key.slice(prefix.length))?.[1] ?? NaN);
        if (!(stagedAt < cutoff.getTime())) continue;
        await this.deleteKey(key);
        removed += 1;
      }
    }
    return removed;
  }

  /** Keys under `prefix`, a listing page (up to 1,000) at a time. */
  private async *listKeys(prefix: string): AsyncIterable<string[]> {
    let token: string | undefined;
    do {
      const page = await this.guarded(
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: prefix, ContinuationToken: token }),
        ),
      );
      yield (page.Contents ?? []).flatMap((o) => (o.Key ? [o.Key] : []));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private async head(key: string): Promise<HeadObjectCommandOutput | null> {
    try {
      return await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
    } catch (error) {
      if (isMissing(error)) return null;
      throw unavailableUnlessAnswered(error);
    }
  }

  /** Deleting what is not there succeeds in S3: idempotent as the interface wants. */
  private async deleteKey(key: string): Promise<void> {
    await this.guarded(this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: key })));
  }

  private async guarded<T>(operation: Promise<T>): Promise<T> {
    try {
      return await operation;
    } catch (error) {
      throw unavailableUnlessAnswered(error);
    }
  }

  private objectKey(sha256: string): string {
    if (!SHA256_PATTERN.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return `${this.settings.prefix}objects/${sha256}`;
  }

  private stagingKey(token: string): string {
    if (!TOKEN_PATTERN.test(token)) throw new Error(`not a staging token: ${token}`);
    return `${this.settings.prefix}staging/${token}`;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}

/** An error the store answered (a 4xx: a wrong bucket or key) stays as it is; no answer or a 5xx is "unavailable". */
function unavailableUnlessAnswered(error: unknown): unknown {
  if (error instanceof S3ServiceException && (error.$metadata.httpStatusCode ?? 500) < 500) return error;
  return evidenceStoreUnavailable(error);
}
