import { createHash, type Hash } from 'node:crypto';
import { type Readable, Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EVIDENCE_HEAD_BYTES, evidenceTooLarge } from './evidence-kinds.js';

export interface EvidenceDigest {
  sha256: string;
  size: number;
  /** The leading bytes, for recognising the file type without reading the file again. */
  head: Buffer;
}

/**
 * Passes bytes through unchanged while hashing and counting them, so every store learns the
 * content address in the same pass that writes the bytes; more than `maxBytes` fails the stream.
 */
export class EvidenceDigester extends Transform {
  private readonly hash: Hash = createHash('sha256');
  private size = 0;
  private head = Buffer.alloc(0);

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(evidenceTooLarge(this.maxBytes));
    if (this.head.length < EVIDENCE_HEAD_BYTES)
      this.head = Buffer.concat([this.head, chunk.subarray(0, EVIDENCE_HEAD_BYTES - this.head.length)]);
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** Only once the stream has finished. */
  digest(): EvidenceDigest {
    return { sha256: this.hash.digest('hex'), size: this.size, head: this.head };
  }
}

/**
 * Streams `content` through a digester into a store's `sink`. On failure the sink is destroyed
 * but the source is drained, not destroyed: its owner (multer, for an upload) then waits for the
 * store to clean up before it answers, so a refused upload has left nothing once it is refused.
 */
export async function digestInto(content: Readable, sink: Writable, maxBytes: number): Promise<EvidenceDigest> {
  const digester = new EvidenceDigester(maxBytes);
  const forward = (error: Error) => digester.destroy(error);
  content.once('error', forward);
  content.pipe(digester);
  try {
    await pipeline(digester, sink);
    return digester.digest();
  } catch (error) {
    content.unpipe(digester);
    content.on('error', () => undefined).resume();
    throw error;
  } finally {
    content.off('error', forward);
  }
}
