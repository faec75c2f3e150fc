import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/common';
import { AssignedWorkService, EvidenceStore } from '@app/reporting';
import { IdPipe } from '../http/id.pipe.js';
import { StagedUploadInterceptor } from '../http/staged-upload.interceptor.js';

/** A closure's evidence upload: only the assigned unit's people, only while its part is open. */
@Injectable()
export class AssignedWorkUploadInterceptor extends StagedUploadInterceptor {
  constructor(
    private readonly work: AssignedWorkService,
    store: EvidenceStore,
  ) {
    super(store);
  }

  protected async authorise(actor: Actor, params: Record<string, string>): Promise<void> {
    const { id, unitId } = params;
    await IdPipe.transform(String(id), { type: 'param', data: 'id' });
    await IdPipe.transform(String(unitId), { type: 'param', data: 'unitId' });
    await this.work.assertMayAttach(actor, String(id), String(unitId));
  }
}
