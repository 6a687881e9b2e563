import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Public, Roles } from '../common/access/access.decorators';
import { downloadHeaders } from '../common/http/download';
import { IdParam } from '../common/http/id.pipe';
import { writeRunCsv, writeRunXlsx } from './allocations.export';
import { AllocationsService } from './allocations.service';
import { CompareQueryDto, PublishDto, RunInputDto } from './dto/allocation-input.dto';
import { CompareDto, PublicResultsDto, RankingDto, RunBidDto, RunDetailDto, RunDto, RunListDto } from './dto/allocation-output.dto';
import { exclusionText, RankingService } from './ranking.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('allocation')
@Controller('programmes/:programmeId')
export class AllocationsController {
  constructor(
    private readonly ranking: RankingService,
    private readonly allocations: AllocationsService,
  ) {}

  /** The stored ranking, or (before the programme is ranked) a live preview; excluded bids with the reason. */
  @Get('ranking')
  @Roles('ministry', 'auditor')
  async getRanking(@IdParam('programmeId') programmeId: string): Promise<RankingDto> {
    const { stored, rankedAt, ranking } = await this.ranking.ranking(programmeId);
    return RankingDto.from(stored, rankedAt, ranking, (e) => exclusionText(e.reasons));
  }

  /** Freezes the ranking once the commission has closed: scoring → ranked; audited. */
  @Post('ranking')
  @HttpCode(200)
  @Roles('ministry')
  async rank(@CurrentActor() actor: Actor, @IdParam('programmeId') programmeId: string): Promise<RankingDto> {
    const { stored, rankedAt, ranking } = await this.ranking.rank(actor, programmeId);
    return RankingDto.from(stored, rankedAt, ranking, (e) => exclusionText(e.reasons));
  }

  /** A what-if run over the stored ranking; whatever is left out comes from the programme's rules. */
  @Post('allocation-runs')
  @Roles('ministry')
  async createRun(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: RunInputDto,
  ): Promise<RunDetailDto> {
    const run = await this.allocations.createRun(actor, programmeId, body);
    return this.detail(programmeId, run.id);
  }

  @Get('allocation-runs')
  @Roles('ministry', 'auditor')
  async runs(@IdParam('programmeId') programmeId: string): Promise<RunListDto> {
    const runs = await this.allocations.runs(programmeId);
    return { items: runs.map(RunDto.from), total: runs.length };
  }

  /** Two runs side by side: per bid the outcome and amount in each, and who moves by how much. */
  @Get('allocation-runs/compare')
  @Roles('ministry', 'auditor')
  async compare(@IdParam('programmeId') programmeId: string, @Query() query: CompareQueryDto): Promise<CompareDto> {
    const { first, second, rows } = await this.allocations.compare(programmeId, query.a, query.b);
    return {
      a: RunDto.from(first),
      b: RunDto.from(second),
      moved: rows.filter((r) => r.moved).length,
      rows: rows.map(({ a, b, deltaKopecks, moved }) => ({
        submissionId: a.submissionId,
        registrationNumber: a.registrationNumber,
        clusterName: { ru: a.clusterNameRu, en: a.clusterNameEn },
        a: { rank: a.rank, outcome: a.outcome, fundedFederalKopecks: a.fundedFederalKopecks.toString() },
        b: { rank: b.rank, outcome: b.outcome, fundedFederalKopecks: b.fundedFederalKopecks.toString() },
        deltaKopecks: deltaKopecks.toString(),
        moved,
      })),
    };
  }

  @Get('allocation-runs/:runId')
  @Roles('ministry', 'auditor')
  async run(@IdParam('programmeId') programmeId: string, @IdParam('runId') runId: string): Promise<RunDetailDto> {
    return this.detail(programmeId, runId);
  }

  /** Publishes the run: atomic, irreversible, audited; sets every bid's outcome and makes the results public. */
  @Post('allocation-runs/:runId/publish')
  @HttpCode(200)
  @Roles('ministry')
  async publish(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @IdParam('runId') runId: string,
    @Body() body: PublishDto,
  ): Promise<RunDetailDto> {
    await this.allocations.publish(actor, programmeId, runId, body);
    return this.detail(programmeId, runId);
  }

  @Get('allocation-runs/:runId/export.csv')
  @Roles('ministry', 'auditor')
  async exportCsv(
    @IdParam('programmeId') programmeId: string,
    @IdParam('runId') runId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const { run, bids } = await this.allocations.run(programmeId, runId);
    downloadHeaders(response, `allocation-run-${run.number}.csv`, 'text/csv; charset=utf-8');
    return writeRunCsv(bids);
  }

  @Get('allocation-runs/:runId/export.xlsx')
  @Roles('ministry', 'auditor')
  async exportXlsx(@IdParam('programmeId') programmeId: string, @IdParam('runId') runId: string, @Res() response: Response): Promise<void> {
    const { run, bids } = await this.allocations.run(programmeId, runId);
    downloadHeaders(response, `allocation-run-${run.number}.xlsx`, XLSX);
    await writeRunXlsx(bids, response);
  }

  /** Public once published: ranking with weighted totals, outcome and funded amount per bid. */
  @Get('results')
  @Public()
  async results(@IdParam('programmeId') programmeId: string): Promise<PublicResultsDto> {
    const { programme, run, bids } = await this.allocations.results(programmeId);
    const items = bids.map((bid) => ({
      registrationNumber: bid.registrationNumber,
      cluster: { ru: bid.clusterNameRu, en: bid.clusterNameEn },
      rank: bid.rank,
      weightedTotal: bid.weightedTotal === null ? null : Number(bid.weightedTotal),
      outcome: bid.outcome === 'excluded' ? 'not_funded' : bid.outcome,
      fundedKopecks: bid.fundedFederalKopecks.toString(),
    }));
    return {
      programmeCode: programme.code,
      runNumber: run.number,
      publishedAt: run.publishedAt!.toISOString(),
      budgetKopecks: run.budgetKopecks.toString(),
      allocatedKopecks: run.allocatedKopecks.toString(),
      remainderKopecks: run.remainderKopecks.toString(),
      items,
      total: items.length,
    };
  }

  @Get('results.csv')
  @Public()
  async resultsCsv(@IdParam('programmeId') programmeId: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const { programme, bids } = await this.allocations.results(programmeId);
    downloadHeaders(response, `${programme.code}-results.csv`, 'text/csv; charset=utf-8');
    return writeRunCsv(bids);
  }

  @Get('results.xlsx')
  @Public()
  async resultsXlsx(@IdParam('programmeId') programmeId: string, @Res() response: Response): Promise<void> {
    const { programme, bids } = await this.allocations.results(programmeId);
    downloadHeaders(response, `${programme.code}-results.xlsx`, XLSX);
    await writeRunXlsx(bids, response);
  }

  private async detail(programmeId: string, runId: string): Promise<RunDetailDto> {
    const { run, bids } = await this.allocations.run(programmeId, runId);
    return { ...RunDto.from(run), bids: bids.map(RunBidDto.from) };
  }
}
