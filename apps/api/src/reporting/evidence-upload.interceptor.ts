import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/common';
import { EvidenceStore, ReportEvidenceService } from '@app/reporting';
import { IdPipe } from '../http/id.pipe.js';
import { StagedUploadInterceptor } from '../http/staged-upload.interceptor.js';

export type { StagedUpload } from '../http/staged-upload.interceptor.js';

/** A report's evidence upload: the report must exist and the actor may add files to it now. */
@Injectable()
export class EvidenceUploadInterceptor extends StagedUploadInterceptor {
  constructor(
    private readonly evidence: ReportEvidenceService,
    store: EvidenceStore,
  ) {
    super(store);
  }

  protected async authorise(actor: Actor, params: Record<string, string>): Promise<void> {
    const id = String(params.id);
    await IdPipe.transform(id, { type: 'param', data: 'id' });
    await this.evidence.assertMayAttach(actor, id);
  }
}
