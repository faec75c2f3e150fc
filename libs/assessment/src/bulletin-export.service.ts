import { Injectable } from '@nestjs/common';
import type { Actor } from '@app/common';
import { AppEnv } from '@app/config';
import { QuarterlyRankingService } from './quarterly-ranking.service.js';
import { bulletinDocument, renderBulletinPdf, renderBulletinXlsx, renderOfficialDocx } from './render/index.js';

/**
 * A published bulletin as the office downloads it: .xlsx to work with, PDF to print and send, and
 * .docx to finish as a 公文 in Word or WPS (文号, date and seal are left for the office).
 */
@Injectable()
export class BulletinExportService {
  constructor(
    private readonly rankings: QuarterlyRankingService,
    private readonly env: AppEnv,
  ) {}

  async export(
    actor: Actor,
    id: string,
    format: 'xlsx' | 'pdf' | 'docx',
  ): Promise<{ filename: string; mime: string; buffer: Buffer }> {
    const bulletin = await this.rankings.get(actor, id);
    const base = `${bulletin.snapshot.title}${bulletin.revision > 1 ? `（第${bulletin.revision}版）` : ''}`;
    if (format === 'docx') {
      return {
        filename: `${base}.docx`,
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: await renderOfficialDocx(bulletinDocument(bulletin.snapshot)),
      };
    }
    if (format === 'xlsx') {
      return {
        filename: `${base}.xlsx`,
        mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await renderBulletinXlsx(bulletin.snapshot),
      };
    }
    return {
      filename: `${base}.pdf`,
      mime: 'application/pdf',
      buffer: await renderBulletinPdf(bulletin.snapshot, this.env.PDF_FONT_PATH),
    };
  }
}
