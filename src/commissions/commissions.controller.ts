import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../common/access/access.decorators';
import { IdParam } from '../common/http/id.pipe';
import { AssignmentsService } from './assignments.service';
import { CommissionsService } from './commissions.service';
import {
  AddMemberDto,
  BidConflictDto,
  CommissionSettingsDto,
  MemberChangeDto,
  RunAssignmentDto,
  StaffConflictDto,
  SwapAssignmentDto,
} from './dto/commission.dto';
import {
  AssignmentDto,
  AssignmentListDto,
  AssignmentRunDto,
  CommissionDto,
  ConflictDto,
  ConflictListDto,
  MemberDto,
  ReassignmentDto,
} from './dto/commission-output.dto';

@ApiTags('commissions')
@Controller('programmes/:programmeId/commission')
export class CommissionsController {
  constructor(
    private readonly commissions: CommissionsService,
    private readonly assignments: AssignmentsService,
  ) {}

  /** The commission: status, review due time, members, conflict counts. */
  @Get()
  @Roles('ministry', 'auditor')
  async get(@IdParam('programmeId') programmeId: string): Promise<CommissionDto> {
    return CommissionDto.from(await this.commissions.view(programmeId));
  }

  @Patch()
  @Roles('ministry')
  async update(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: CommissionSettingsDto,
  ): Promise<CommissionDto> {
    await this.commissions.updateSettings(actor, programmeId, {
      reviewDueAt: body.reviewDueAt === null ? null : new Date(body.reviewDueAt),
    });
    return this.get(programmeId);
  }

  /** Adds a commissioner as chair or member, with organisation (INN), region and load cap. */
  @Post('members')
  @Roles('ministry')
  async addMember(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: AddMemberDto,
  ): Promise<MemberDto> {
    const member = await this.commissions.addMember(actor, programmeId, body);
    return this.memberView(programmeId, member.id);
  }

  @Patch('members/:memberId')
  @Roles('ministry')
  async updateMember(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @IdParam('memberId') memberId: string,
    @Body() body: MemberChangeDto,
  ): Promise<MemberDto> {
    await this.commissions.updateMember(actor, programmeId, memberId, body);
    return this.memberView(programmeId, memberId);
  }

  /** Removes a member who has no reviews assigned. */
  @Delete('members/:memberId')
  @Roles('ministry')
  @HttpCode(204)
  async removeMember(@CurrentActor() actor: Actor, @IdParam('programmeId') programmeId: string, @IdParam('memberId') memberId: string) {
    await this.commissions.removeMember(actor, programmeId, memberId);
  }

  /** Every conflict: declared by members, entered by staff and derived from organisation and region data. */
  @Get('conflicts')
  @Roles('ministry', 'auditor')
  async conflicts(@IdParam('programmeId') programmeId: string): Promise<ConflictListDto> {
    const board = await this.commissions.view(programmeId);
    const items = board.conflicts.map((c) => ConflictDto.from(c, board));
    return { items, total: items.length };
  }

  /** Staff enter a member's conflict; an assigned review of that pair is recused and handed to another member. */
  @Post('conflicts')
  @Roles('ministry')
  async recordConflict(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: StaffConflictDto,
  ): Promise<ReassignmentDto> {
    const { memberId, ...conflict } = body;
    return ReassignmentDto.from(await this.commissions.recordConflict(actor, programmeId, memberId, conflict), body.submissionId);
  }

  /** A member declares their own conflict with a bid of this programme (before or instead of reviewing it). */
  @Post('my-conflicts')
  @Roles('commissioner')
  async declareConflict(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: BidConflictDto,
  ): Promise<ReassignmentDto> {
    return ReassignmentDto.from(await this.commissions.declareConflict(actor, programmeId, body), body.submissionId);
  }

  /** Assigns reviewers to every eligible bid by min-cost flow: no conflicts, caps kept, loads balanced. 422 says why not. */
  @Post('assignments/run')
  @Roles('ministry')
  @HttpCode(200)
  async run(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: RunAssignmentDto,
  ): Promise<AssignmentRunDto> {
    return this.assignments.run(actor, programmeId, body);
  }

  @Get('assignments')
  @Roles('ministry', 'auditor')
  async listAssignments(@IdParam('programmeId') programmeId: string): Promise<AssignmentListDto> {
    const board = await this.commissions.view(programmeId);
    const items = board.assignments.map((a) => AssignmentDto.from(a, board));
    const loads: Record<string, number> = Object.fromEntries(board.members.map((m) => [m.id, 0]));
    for (const a of board.assignments) if (a.status !== 'recused') loads[a.memberId] = (loads[a.memberId] ?? 0) + 1;
    return { items, total: items.length, loads };
  }

  /** Moves a review not yet started to another member; checked against conflicts and caps, audited with the reason. */
  @Put('assignments/swap')
  @Roles('ministry')
  async swap(
    @CurrentActor() actor: Actor,
    @IdParam('programmeId') programmeId: string,
    @Body() body: SwapAssignmentDto,
  ): Promise<AssignmentListDto> {
    await this.assignments.swap(actor, programmeId, body);
    return this.listAssignments(programmeId);
  }

  private async memberView(programmeId: string, memberId: string) {
    const board = await this.commissions.view(programmeId);
    return MemberDto.from(board.members.find((m) => m.id === memberId)!);
  }
}
