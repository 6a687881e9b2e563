import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { TransactionRunner } from '../common/database/transaction';
import { DomainError, notFound } from '../common/errors/domain-error';
import { GrantExtensionDto } from './dto/extension.dto';
import { ExtensionsRepository } from './extensions.repository';
import { ProgrammesRepository } from './programmes.repository';
import { ProgrammeErrorCode } from './programmes.errors';

/** Per-cluster deadline extensions: granted by the ministry with a reason, audited, only while the call is open. */
@Injectable()
export class ExtensionsService {
  constructor(
    private readonly programmes: ProgrammesRepository,
    private readonly extensions: ExtensionsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  grant(actor: Actor, programmeId: string, input: GrantExtensionDto) {
    return this.transactions.run(async (tx) => {
      const loaded = await this.programmes.findWithRules(programmeId, tx, true);
      if (!loaded) throw notFound('Programme', programmeId);
      const { programme } = loaded;
      if (programme.status !== 'open') {
        throw new DomainError(
          ProgrammeErrorCode.TRANSITION_NOT_ALLOWED,
          `Extensions are granted only while the call is open (it is ${programme.status})`,
          HttpStatus.CONFLICT,
        );
      }
      const closesAt = new Date(input.closesAt);
      const now = await this.programmes.now(tx);
      const invalid = [];
      if (closesAt <= programme.closesAt!) {
        invalid.push({
          field: 'closesAt',
          rule: 'afterProgrammeDeadline',
          message: `must be after the programme's deadline ${programme.closesAt!.toISOString()}`,
        });
      }
      if (closesAt <= now) invalid.push({ field: 'closesAt', rule: 'inFuture', message: `${input.closesAt} has already passed` });
      if (invalid.length)
        throw new DomainError(
          ProgrammeErrorCode.RULES_INVALID,
          'The extension deadline is not acceptable',
          HttpStatus.BAD_REQUEST,
          invalid,
        );
      const before = await this.extensions.find(programmeId, input.clusterId, tx);
      const extension = await this.extensions.upsert(tx, {
        programmeId,
        clusterId: input.clusterId,
        closesAt,
        reason: input.reason,
        grantedBy: actor.userId,
      });
      await this.audit.record(tx, actor, {
        action: 'programme.extension_granted',
        entityType: 'programme',
        entityId: programmeId,
        before: before ? { clusterId: before.clusterId, closesAt: before.closesAt, reason: before.reason } : null,
        after: { clusterId: extension.clusterId, closesAt: extension.closesAt, reason: extension.reason },
      });
      return extension;
    });
  }

  async list(programmeId: string) {
    if (!(await this.programmes.findWithRules(programmeId))) throw notFound('Programme', programmeId);
    return this.extensions.list(programmeId);
  }

  /** The instant after which this cluster can no longer submit: its extension if granted, else the programme's. */
  async deadlineFor(programmeId: string, clusterId: string, closesAt: Date, tx?: Parameters<ExtensionsRepository['find']>[2]) {
    const extension = await this.extensions.find(programmeId, clusterId, tx);
    return extension && extension.closesAt > closesAt ? extension.closesAt : closesAt;
  }
}
