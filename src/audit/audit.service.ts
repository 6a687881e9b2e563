import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/access/access.decorators';
import type { Tx } from '../common/database/transaction';
import { currentRequestId } from '../common/http/request-context';
import { AuditFilter, AuditRepository, ChainCheck } from './audit.repository';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Every change of state or money goes through `record`, inside the transaction that makes the change. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  record(tx: Tx, actor: Pick<Actor, 'userId' | 'role'> | null, event: AuditEvent): Promise<void> {
    return this.audit.insert(tx, {
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? 'system',
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      before: event.before ?? null,
      after: event.after ?? null,
      requestId: currentRequestId(),
    });
  }

  list(filter: AuditFilter) {
    return this.audit.list(filter);
  }

  verify(): Promise<ChainCheck & { valid: boolean }> {
    return this.audit.verifyChain().then((check) => ({ ...check, valid: check.firstBrokenSeq === null }));
  }
}
