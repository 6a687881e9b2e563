import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IdParam } from '../common/http/id.pipe';
import { ExtensionDto, ExtensionListDto, GrantExtensionDto } from './dto/extension.dto';
import { ExtensionsService } from './extensions.service';

@ApiTags('programmes')
@Controller('programmes/:programmeId/extensions')
export class ExtensionsController {
  constructor(private readonly extensions: ExtensionsService) {}

  /** Gives one cluster a later deadline, with a reason (audited). Only that cluster may submit until then. */
  @Post()
  @Roles('ministry')
  async grant(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: GrantExtensionDto,
  ): Promise<ExtensionDto> {
    return ExtensionDto.from(await this.extensions.grant(actor, programmeId, body));
  }

  @Get()
  @Roles('ministry', 'auditor')
  async list(@IdParam('programmeId') programmeId: string): Promise<ExtensionListDto> {
    const items = (await this.extensions.list(programmeId)).map(ExtensionDto.from);
    return { items, total: items.length };
  }
}
