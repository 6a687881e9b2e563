import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/access/access.decorators';
import { pageWindow } from '../common/http/pagination.dto';
import { AuditService } from './audit.service';
import { AuditChainCheckDto, AuditEntryDto, AuditPageDto, AuditQueryDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit log, newest first. */
  @Get()
  @Roles('ministry', 'auditor')
  async list(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    const { items, total } = await this.audit.list({ ...query, ...pageWindow(query) });
    return { items: items.map(AuditEntryDto.from), total };
  }

  /** Recomputes the hash chain over the whole log and reports the first broken row, if any. */
  @Get('verify')
  @Roles('ministry', 'auditor')
  verify(): Promise<AuditChainCheckDto> {
    return this.audit.verify();
  }
}
