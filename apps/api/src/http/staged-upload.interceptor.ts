import type { Readable } from 'node:stream';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { Actor } from '@app/common';
import type { EvidenceStore, StagedEvidence } from '@app/reporting';

/** What the route handler receives for the `file` part: the bytes are staged, not yet stored. */
export interface StagedUpload {
  originalname: string;
  staged: StagedEvidence;
}

type StorageCallback = (error: Error | null, info?: Partial<StagedUpload>) => void;

/** A multer storage engine that streams the part into the evidence store's temporary area. */
function stagingStorage(store: EvidenceStore) {
  return {
    _handleFile(_request: Request, file: { stream: Readable }, callback: StorageCallback): void {
      store.stage(file.stream).then(
        (staged) => callback(null, { staged }),
        (error: Error) => callback(error),
      );
    },
    // multer calls this for what it stored when the request fails later (a second file, a limit).
    _removeFile(_request: Request, file: Partial<StagedUpload>, callback: (error: Error | null) => void): void {
      if (!file.staged) return callback(null);
      store.discard(file.staged).then(
        () => callback(null),
        (error: Error) => callback(error),
      );
    },
  };
}

/**
 * Receives an evidence upload only once the actor may add a file to what the path names: a request
 * for a missing or foreign record is answered before a byte is written. Then multer (Nest's
 * FileInterceptor, for its limits and error mapping) streams the file into the store's staging.
 */
export abstract class StagedUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(store: EvidenceStore) {
    const Multer = FileInterceptor('file', {
      storage: stagingStorage(store),
      limits: { fileSize: store.maxBytes, files: 1 },
    });
    this.multer = new Multer();
  }

  /** Throws unless the actor may attach a file to the record the path parameters name. */
  protected abstract authorise(actor: Actor, params: Record<string, string>): Promise<void>;

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { actor: Actor }>();
    await this.authorise(request.actor, request.params as Record<string, string>);
    return this.multer.intercept(context, next);
  }
}
