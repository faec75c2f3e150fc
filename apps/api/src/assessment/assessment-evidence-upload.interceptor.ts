import { Injectable } from '@nestjs/common';
import { EvidencePurpose, SelfEvidenceService } from '@app/assessment';
import { type Actor, DomainError } from '@app/common';
import { EvidenceStore } from '@app/reporting';
import { IdPipe } from '../http/id.pipe.js';
import { StagedUploadInterceptor } from '../http/staged-upload.interceptor.js';

const CRITERION_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** A year-end evidence upload other than the self-assessment's, authorised by what it is for before a byte is stored. */
// Decorated so that the subclasses inherit its constructor's injection metadata.
@Injectable()
abstract class YearEndEvidenceUploadInterceptor extends StagedUploadInterceptor {
  protected abstract readonly purpose: Exclude<EvidencePurpose, 'self'>;

  constructor(
    private readonly evidence: SelfEvidenceService,
    store: EvidenceStore,
  ) {
    super(store);
  }

  protected async authorise(actor: Actor, params: Record<string, string>): Promise<void> {
    const { id, unitId } = params;
    await IdPipe.transform(String(id), { type: 'param', data: 'id' });
    await IdPipe.transform(String(unitId), { type: 'param', data: 'unitId' });
    const criterionId = this.purpose === EvidencePurpose.Review ? String(params.criterionId) : '';
    if (this.purpose === EvidencePurpose.Review && !CRITERION_PATTERN.test(criterionId))
      throw DomainError.validation('指标编号格式不正确', [{ field: 'criterionId', reason: '格式不正确' }]);
    await this.evidence.assertMayAttachTo(actor, {
      id: String(id),
      unitId: String(unitId),
      criterionId,
      purpose: this.purpose,
    });
  }
}

/** A review leaf's file: the office, while it reviews. */
@Injectable()
export class ReviewEvidenceUploadInterceptor extends YearEndEvidenceUploadInterceptor {
  protected readonly purpose = EvidencePurpose.Review;
}

/** A bonus, penalty or veto event's file: the office, until approval. */
@Injectable()
export class EventEvidenceUploadInterceptor extends YearEndEvidenceUploadInterceptor {
  protected readonly purpose = EvidencePurpose.Event;
}

/** An appeal's file: the unit itself, within the appeal window. */
@Injectable()
export class AppealEvidenceUploadInterceptor extends YearEndEvidenceUploadInterceptor {
  protected readonly purpose = EvidencePurpose.Appeal;
}
