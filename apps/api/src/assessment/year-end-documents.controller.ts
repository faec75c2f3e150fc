import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { YearEndNoticeService } from '@app/assessment';
import type { Actor } from '@app/common';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';

@ApiTags('年终考评')
@ApiBearerAuth()
@Controller('api/assessments')
export class YearEndDocumentsController {
  constructor(private readonly notices: YearEndNoticeService) {}

  @Roles('admin', 'office', 'leader')
  @Get(':id/notice.docx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({
    description: '考评结果通报（Word 公文）：各类别结果、表扬约谈、一票否决、申诉期限；审定后可下载',
  })
  async notice(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Res() res: Response): Promise<void> {
    const file = await this.notices.notice(actor, id);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    res.send(file.buffer);
  }
}
