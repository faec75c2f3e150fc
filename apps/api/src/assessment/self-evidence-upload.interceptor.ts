import { Injectable } from '@nestjs/common';
import { SelfEvidenceService } from '@app/assessment';
import { type Actor, DomainError } from '@app/common';
import { EvidenceStore } from '@app/reporting';
import { IdPipe } from '../http/id.pipe.js';
import { StagedUploadInterceptor } from '../http/staged-upload.interceptor.js';

const CRITERION_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** A self-assessment leaf's evidence upload: only the unit's liaison, only while it can still change. */
@Injectable()
export class SelfEvidenceUploadInterceptor extends StagedUploadInterceptor {
  constructor(
    private readonly evidence: SelfEvidenceService,
    store: EvidenceStore,
  ) {
    super(store);
  }

  protected async authorise(actor: Actor, params: Record<string, string>): Promise<void> {
    const { id, unitId, criterionId } = params;
    await IdPipe.transform(String(id), { type: 'param', data: 'id' });
    await IdPipe.transform(String(unitId), { type: 'param', data: 'unitId' });
    if (!CRITERION_PATTERN.test(String(criterionId)))
      throw DomainError.validation('指标编号格式不正确', [{ field: 'criterionId', reason: '格式不正确' }]);
    await this.evidence.assertMayAttach(actor, String(id), String(unitId), String(criterionId));
  }
}
