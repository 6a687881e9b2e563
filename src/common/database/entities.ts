import { AuditEntryEntity } from '../../audit/audit-entry.entity';
import { SessionEntity } from '../../auth/session.entity';
import { ClusterEntity } from '../../clusters/cluster.entity';
import { CriterionEntity } from '../../programmes/criterion.entity';
import { EligibilityItemEntity } from '../../programmes/eligibility-item.entity';
import { ProgrammeRuleVersionEntity } from '../../programmes/programme-rule-version.entity';
import { ProgrammeEntity } from '../../programmes/programme.entity';
import { UserEntity } from '../../users/user.entity';
import {
  CommissionEntity,
  CommissionMemberEntity,
  MemberConflictEntity,
  ReviewAssignmentEntity,
} from '../../commissions/commission.entity';
import { ConsensusScoreEntity, ReviewScoreEntity } from '../../scoring/score.entity';
import { ProgrammeExtensionEntity } from '../../programmes/programme-extension.entity';
import { SubmissionEntity } from '../../submissions/submission.entity';
import {
  AttachmentEntity,
  BudgetLineEntity,
  EligibilityResultEntity,
  SubmissionVersionEntity,
} from '../../submissions/submission-parts.entity';

/** Every entity of the app; the schema test checks that together they describe exactly the migrated schema. */
export const ENTITIES = [
  UserEntity,
  SessionEntity,
  ClusterEntity,
  ProgrammeEntity,
  CriterionEntity,
  EligibilityItemEntity,
  ProgrammeRuleVersionEntity,
  AuditEntryEntity,
  ProgrammeExtensionEntity,
  SubmissionEntity,
  BudgetLineEntity,
  AttachmentEntity,
  SubmissionVersionEntity,
  EligibilityResultEntity,
  CommissionEntity,
  CommissionMemberEntity,
  MemberConflictEntity,
  ReviewAssignmentEntity,
  ReviewScoreEntity,
  ConsensusScoreEntity,
];
