import { randomUUID } from 'node:crypto';
import { fullScores, JUSTIFICATION, memberBody } from '../commissions/helpers';
import { aCluster, aProgramme } from '../support/factories';
import type { World } from './world';

/** Valid bodies per request schema, from the factories the other tests use; the fuzzer bends one field at a time. */
export function examples(world: World): Record<string, () => Record<string, unknown>> {
  const draft = {
    title: 'Кластер 2.0: единый центр компетенций',
    summary: 'Совместные НИОКР',
    sections: { programme: 'Программа развития кластера' },
    budgetLines: [
      { year: 2027, category: 'joint-rnd', source: 'federal', amountKopecks: '1000000000' },
      { year: 2027, category: 'joint-rnd', source: 'regional', amountKopecks: '428571429' },
    ],
    contactName: 'Иван Петров',
    contactEmail: 'ivan@example.org',
    contactPhone: '+7 (3822) 12-34-56',
  };
  const scoringBid = world.scoring.programme.bids[0].id;
  return {
    LoginDto: () => ({ email: world.victims[0].email, password: 'wrong-password-for-fuzzing' }),
    RegisterApplicantDto: () => ({
      email: `fuzz-${randomUUID()}@example.org`,
      fullName: 'Фаззинг Тестович',
      password: 'long-enough-password-42',
    }),
    ChangePasswordDto: () => ({ currentPassword: 'not-the-password', newPassword: 'another-long-password-42' }),
    CreateUserDto: () => ({
      email: `fuzz-${randomUUID()}@example.org`,
      fullName: 'Фаззинг',
      role: 'auditor',
      password: 'long-enough-password-42',
    }),
    UpdateUserDto: () => ({ fullName: 'Переименованный пользователь' }),
    CreateClusterDto: () => aCluster(),
    UpdateClusterDto: () => ({ memberCount: 250 }),
    CreateProgrammeDto: () => aProgramme(),
    UpdateProgrammeDto: () => ({ titleEn: 'Renamed call', budgetKopecks: '260000000000' }),
    ChangeStatusDto: () => ({ status: 'closed', reason: 'fuzz' }),
    NewRuleVersionDto: () => ({ reason: 'Уточнение правил конкурса', changes: { maxFederalPerBidKopecks: '20000000001' } }),
    GrantExtensionDto: () => ({
      clusterId: world.clusterB,
      closesAt: new Date(Date.now() + 40 * 86400_000).toISOString(),
      reason: 'Сбой связи',
    }),
    SubmissionDraftDto: () => draft,
    EligibilityDecisionDto: () => ({ results: [{ code: 'so', passed: true }] }),
    CommissionSettingsDto: () => ({ reviewDueAt: new Date(Date.now() + 7 * 86400_000).toISOString() }),
    AddMemberDto: () => memberBody(world.victims[1]),
    MemberChangeDto: () => ({ loadCap: 5 }),
    StaffConflictDto: () => ({
      memberId: world.scoring.members[1].id,
      submissionId: scoringBid,
      kind: 'other',
      reason: 'Совместные публикации',
    }),
    BidConflictDto: () => ({ submissionId: scoringBid, kind: 'co-author', reason: 'Соавтор заявки' }),
    ConflictDeclarationDto: () => ({ kind: 'other', reason: 'Совместные публикации' }),
    RunAssignmentDto: () => ({ seed: 1, useExpertise: false }),
    SwapAssignmentDto: () => ({
      submissionId: world.scoring.reviews[0].submissionId,
      fromMemberId: world.scoring.reviews[0].memberId,
      toMemberId: world.scoring.members[3].id,
      reason: 'Перераспределение нагрузки',
    }),
    ScoreEntriesDto: () => ({ scores: fullScores(4, 4, JUSTIFICATION) }),
    RunInputDto: () => ({ label: 'fuzz', policy: 'greedy-skip', budgetKopecks: '2000000000' }),
    PublishDto: () => ({}),
    FileAppealDto: () => ({ grounds: 'Комиссия не учла письмо субъекта о софинансировании, приложенное к заявке.' }),
    ResolveAppealDto: () => ({
      decision: 'rejected',
      reasoning: 'Доводы заявителя проверены; оценка комиссии обоснована и остаётся в силе.',
    }),
    RetryDto: () => ({ submissionId: world.published.bidA }),
  };
}
