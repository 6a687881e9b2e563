import { Body, Controller, Get, HttpCode, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { downloadHeaders } from '../common/http/download';
import { IdParam } from '../common/http/id.pipe';
import { ScoreEntriesDto } from './dto/scoring.dto';
import { BidAggregateDto, CommissionClosedDto, CriterionDto, panelScores, ProgressDto, ResultsDto } from './dto/scoring-output.dto';
import { scoreExportRows, writeScoresCsv, writeScoresXlsx } from './scores.export';
import { ScoringService } from './scoring.service';

type Results = Awaited<ReturnType<ScoringService['results']>>;

function resultsDto({ board, scores, consensus, results }: Results): ResultsDto {
  const items = results.map(({ bid, aggregate }) => ({
    submissionId: bid.id,
    registrationNumber: bid.registrationNumber,
    clusterName: bid.clusterName,
    title: bid.title,
    status: bid.status,
    scores: panelScores(scores.filter((s) => s.bidId === bid.id)),
    consensus: consensus
      .filter((c) => c.bidId === bid.id)
      .map(({ criterionCode, score, justification, decidedAt }) => ({
        criterionCode,
        score,
        justification,
        decidedAt: decidedAt.toISOString(),
      })),
    aggregate: BidAggregateDto.from(aggregate),
  }));
  return { aggregation: board.rules.aggregation, criteria: CriterionDto.list(board.rules), items, total: items.length };
}

@ApiTags('scoring')
@Controller('programmes/:programmeId')
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  /** Per bid: every submitted score, the aggregate by the programme's method, consensus, weighted total, thresholds. */
  @Get('scores')
  @Roles('ministry', 'auditor', 'commissioner')
  async results(@CurrentActor() actor: Actor, @IdParam('programmeId') programmeId: string): Promise<ResultsDto> {
    return resultsDto(await this.scoring.results(actor, programmeId));
  }

  /** The chair's queue: bids where reviewers differ by more than the programme's threshold on some criterion. */
  @Get('scores/disagreements')
  @Roles('ministry', 'auditor', 'commissioner')
  async disagreements(@CurrentActor() actor: Actor, @IdParam('programmeId') programmeId: string): Promise<ResultsDto> {
    return resultsDto(await this.scoring.disagreements(actor, programmeId));
  }

  /** The chair records consensus scores (with justification) on disputed criteria of one bid; audited. */
  @Put('scores/consensus/:submissionId')
  @Roles('commissioner')
  async consensus(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @IdParam('submissionId') submissionId: string,
    @Body() body: ScoreEntriesDto,
  ): Promise<ResultsDto> {
    await this.scoring.setConsensus(actor, programmeId, submissionId, body.scores);
    const all = await this.scoring.results(actor, programmeId);
    return resultsDto({ ...all, results: all.results.filter((r) => r.bid.id === submissionId) });
  }

  /** Per reviewer and per bid: assigned, drafted, submitted, overdue; per criterion: the score distribution. */
  @Get('scores/progress')
  @Roles('ministry', 'auditor')
  async progress(@CurrentActor() actor: Actor, @IdParam('programmeId') programmeId: string): Promise<ProgressDto> {
    const p = await this.scoring.progress(actor, programmeId);
    return {
      commissionStatus: p.board.commission.status,
      reviewDueAt: p.board.commission.reviewDueAt?.toISOString() ?? null,
      now: p.now.toISOString(),
      reviewers: p.reviewers,
      bids: p.bids,
      distributions: p.distributions,
    };
  }

  /** Every score with its justification, and the consensus scores, as CSV. */
  @Get('scores/export.csv')
  @Roles('ministry', 'auditor')
  async exportCsv(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const results = await this.scoring.results(actor, programmeId);
    downloadHeaders(response, `${results.board.programme.code}-scores.csv`, 'text/csv; charset=utf-8');
    return writeScoresCsv(scoreExportRows(results));
  }

  @Get('scores/export.xlsx')
  @Roles('ministry', 'auditor')
  async exportXlsx(@CurrentActor() actor: Actor, @IdParam('programmeId') programmeId: string, @Res() response: Response): Promise<void> {
    const results = await this.scoring.results(actor, programmeId);
    downloadHeaders(
      response,
      `${results.board.programme.code}-scores.xlsx`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    await writeScoresXlsx(scoreExportRows(results), response);
  }

  /** Closes the commission when every bid is fully reviewed and every disagreement settled; scores lock (409 after). */
  @Post('commission/close')
  @Roles('ministry')
  @HttpCode(200)
  async close(@CurrentActor() actor: Actor, @IdParam('programmeId') programmeId: string): Promise<CommissionClosedDto> {
    return { closedAt: (await this.scoring.close(actor, programmeId)).toISOString() };
  }
}
