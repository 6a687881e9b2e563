import { Body, Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IdParam } from '../common/http/id.pipe';
import { ConflictDeclarationDto } from '../commissions/dto/commission.dto';
import { ReassignmentDto } from '../commissions/dto/commission-output.dto';
import { ScoreEntriesDto } from './dto/scoring.dto';
import {
  BidAggregateDto,
  CriterionDto,
  panelScores,
  PanelDto,
  ReviewDto,
  ReviewListDto,
  ReviewSummaryDto,
  ScoreListDto,
} from './dto/scoring-output.dto';
import { ReviewsService } from './reviews.service';

/** A commission member's own reviews. Anything not theirs, or a bid they are conflicted on, answers 404. */
@ApiTags('reviews')
@Controller('reviews')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get()
  @Roles('commissioner')
  async list(@CurrentActor() actor: Actor): Promise<ReviewListDto> {
    const items = (await this.reviews.list(actor)).map(ReviewSummaryDto.from);
    return { items, total: items.length };
  }

  /** The bid as submitted (the counting version), the criteria with their scales, and the reviewer's own scores. */
  @Get(':id')
  @Roles('commissioner')
  async get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ReviewDto> {
    return ReviewDto.from(await this.reviews.get(actor, id));
  }

  /** Saves draft scores for some or all criteria (each on its scale and step). */
  @Put(':id/scores')
  @Roles('commissioner')
  async save(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: ScoreEntriesDto): Promise<ScoreListDto> {
    const items = await this.reviews.saveDraft(actor, id, body.scores);
    return { items, total: items.length };
  }

  /** Submits the review; 422 lists every criterion still unscored or with a too-short justification. */
  @Post(':id/submit')
  @Roles('commissioner')
  @HttpCode(200)
  async submit(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<ScoreListDto> {
    const items = await this.reviews.submit(actor, id);
    return { items, total: items.length };
  }

  /** All reviewers' scores on the bid with the aggregate: only after the caller has submitted their own (409 before). */
  @Get(':id/panel')
  @Roles('commissioner')
  async panel(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PanelDto> {
    const panel = await this.reviews.panel(actor, id);
    return {
      review: ReviewSummaryDto.from(panel.review),
      criteria: CriterionDto.list(panel.rules),
      scores: panelScores(panel.scores),
      consensus: panel.consensus.map(({ criterionCode, score, justification, decidedAt }) => ({
        criterionCode,
        score,
        justification,
        decidedAt: decidedAt.toISOString(),
      })),
      aggregate: BidAggregateDto.from(panel.aggregate),
    };
  }

  /** Declares a conflict instead of scoring: the review is recused and another member takes the bid if one can. */
  @Post(':id/conflict')
  @Roles('commissioner')
  async conflict(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() body: ConflictDeclarationDto): Promise<ReassignmentDto> {
    const result = await this.reviews.declareConflict(actor, id, body);
    return ReassignmentDto.from(result, result?.submissionId ?? '');
  }
}
