import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Public, Roles } from '../common/access/access.decorators';
import { IdParam } from '../common/http/id.pipe';
import { type Language, RequestLanguage } from '../common/http/language';
import { ChangeStatusDto, CreateProgrammeDto, NewRuleVersionDto, UpdateProgrammeDto } from './dto/programme-input.dto';
import { ProgrammeDto, ProgrammePageDto, ProgrammeSummaryDto, RuleVersionDto, RuleVersionListDto } from './dto/programme-output.dto';
import { ProgrammeQueryDto } from './dto/programme-query.dto';
import { ProgrammesService, ProgrammeView } from './programmes.service';

const toDto = ({ programme, rules }: ProgrammeView, language: Language) => ProgrammeDto.fromRules(programme, rules, language);

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  /** Public: every programme but drafts (ministry staff and auditors also see drafts). */
  @Get()
  @Public()
  async list(
    @CurrentActor() actor: Actor | undefined,
    @Query() query: ProgrammeQueryDto,
    @RequestLanguage() language: Language,
  ): Promise<ProgrammePageDto> {
    const { items, total } = await this.programmes.list(actor, query);
    return { items: items.map((p) => ProgrammeSummaryDto.from(p, language)), total };
  }

  @Get(':id')
  @Public()
  async get(@CurrentActor() actor: Actor | undefined, @IdParam() id: string, @RequestLanguage() language: Language): Promise<ProgrammeDto> {
    return toDto(await this.programmes.get(actor, id), language);
  }

  /** Creates a draft; only code and titles are required now, the rest may follow before opening. */
  @Post()
  @Roles('ministry')
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateProgrammeDto,
    @RequestLanguage() language: Language,
  ): Promise<ProgrammeDto> {
    return toDto(await this.programmes.create(actor, body), language);
  }

  /** Edits a draft (lists are replaced whole). After opening: 409, use rule-versions. */
  @Patch(':id')
  @Roles('ministry')
  async update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: UpdateProgrammeDto,
    @RequestLanguage() language: Language,
  ): Promise<ProgrammeDto> {
    return toDto(await this.programmes.update(actor, id, body), language);
  }

  /** Moves the programme on: draft → open (rules checked and frozen as version 1), open → closed (after the deadline), closed → scoring, published → archived. */
  @Post(':id/status')
  @Roles('ministry')
  @HttpCode(200)
  async changeStatus(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: ChangeStatusDto,
    @RequestLanguage() language: Language,
  ): Promise<ProgrammeDto> {
    return toDto(await this.programmes.changeStatus(actor, id, body), language);
  }

  /** Changes the rules of an open call as a new, audited version with a reason. */
  @Post(':id/rule-versions')
  @Roles('ministry')
  async addRuleVersion(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() body: NewRuleVersionDto,
    @RequestLanguage() language: Language,
  ): Promise<ProgrammeDto> {
    return toDto(await this.programmes.addRuleVersion(actor, id, body), language);
  }

  /** Every frozen version of the rules with its reason; public for programmes the public can see. */
  @Get(':id/rule-versions')
  @Public()
  async ruleVersions(@CurrentActor() actor: Actor | undefined, @IdParam() id: string): Promise<RuleVersionListDto> {
    const versions = await this.programmes.ruleVersions(actor, id);
    return { items: versions.map(RuleVersionDto.from), total: versions.length };
  }
}
