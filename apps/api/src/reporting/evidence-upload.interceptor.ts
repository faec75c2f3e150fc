import type { Readable } from 'node:stream';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import type { Actor } from '@app/common';
import { EvidenceStore, MAX_EVIDENCE_BYTES, ReportEvidenceService, type StagedEvidence } from '@app/reporting';
import { IdPipe } from '../http/id.pipe.js';

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
 * Receives an evidence upload only once the report is known and the actor may add files to it:
 * a request for a missing or foreign report is answered before a byte is written. Then multer
 * (Nest's FileInterceptor, for its limits and error mapping) streams the file into staging.
 */
@Injectable()
export class EvidenceUploadInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor;

  constructor(
    private readonly evidence: ReportEvidenceService,
    store: EvidenceStore,
  ) {
    const Multer = FileInterceptor('file', {
      storage: stagingStorage(store),
      limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1 },
    });
    this.multer = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request & { actor: Actor }>();
    const id = String(request.params.id);
    await IdPipe.transform(id, { type: 'param', data: 'id' });
    await this.evidence.assertMayAttach(request.actor, id);
    return this.multer.intercept(context, next);
  }
}
