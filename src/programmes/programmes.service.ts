import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { isStaff } from '../common/access/ownership';
import { TransactionRunner, type Tx } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { PageQueryDto, pageWindow } from '../common/http/pagination.dto';
import { ChangeStatusDto, CreateProgrammeDto, NewRuleVersionDto, UpdateProgrammeDto } from './dto/programme-input.dto';
import { applyRules, defaultRules, mergeRules, toRules } from './programme.mapper';
import { ProgrammeEntity } from './programme.entity';
import {
  completenessErrors,
  ProgrammeRules,
  ProgrammeStatus,
  PROGRAMME_STATUSES,
  PUBLIC_STATUSES,
  readinessToOpenErrors,
  ruleConsistencyErrors,
  sameRules,
  STATUS_TRANSITIONS,
  VERSIONABLE_STATUSES,
} from './programme.rules';
import {
  callStillOpen,
  notReadyToOpen,
  rulesFrozen,
  rulesInvalid,
  rulesUnchanged,
  transitionNotAllowed,
  versioningClosed,
} from './programmes.errors';
import { ExtensionsRepository } from './extensions.repository';
import { ProgrammesRepository, ProgrammeWithRules } from './programmes.repository';
import { windowChangeErrors } from './rule-version.rules';

export interface ProgrammeView {
  programme: ProgrammeEntity;
  rules: ProgrammeRules;
}

const view = (loaded: ProgrammeWithRules): ProgrammeView => ({ programme: loaded.programme, rules: toRules(loaded) });

@Injectable()
export class ProgrammesService {
  constructor(
    private readonly programmes: ProgrammesRepository,
    private readonly extensions: ExtensionsRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  async create(actor: Actor | null, input: CreateProgrammeDto & { isDemo?: boolean }): Promise<ProgrammeView> {
    const { isDemo, ...changes } = input;
    const rules = mergeRules(defaultRules(input.code, input.titleRu, input.titleEn), changes as Partial<ProgrammeRules>);
    assertConsistent(rules);
    return this.transactions.run(async (tx) => {
      const programme = await this.programmes.save(tx, applyRules({ status: 'draft', rulesVersion: 0, isDemo: isDemo ?? false }, rules));
      await this.writeChildren(tx, programme.id, rules);
      await this.audit.record(tx, actor, { action: 'programme.created', entityType: 'programme', entityId: programme.id, after: rules });
      return { programme, rules };
    });
  }

  /** Edits a draft. Once open, the rules are frozen and change only through `addRuleVersion`. */
  update(actor: Actor, id: string, changes: UpdateProgrammeDto): Promise<ProgrammeView> {
    return this.transactions.run(async (tx) => {
      const current = await this.loadForChange(tx, id);
      if (current.programme.status !== 'draft') throw rulesFrozen(current.programme.status);
      const before = toRules(current);
      const rules = mergeRules(before, changes as Partial<ProgrammeRules>);
      assertConsistent(rules);
      const programme = await this.programmes.save(tx, applyRules(current.programme, rules));
      await this.writeChildren(tx, id, rules);
      await this.audit.record(tx, actor, { action: 'programme.updated', entityType: 'programme', entityId: id, before, after: rules });
      return { programme, rules };
    });
  }

  /**
   * Changes the rules of an open (or closed, not yet scored) call as a new numbered version with a reason; the
   * previous versions stay readable and the change is audited.
   */
  addRuleVersion(actor: Actor, id: string, input: NewRuleVersionDto): Promise<ProgrammeView> {
    return this.transactions.run(async (tx) => {
      const current = await this.loadForChange(tx, id);
      const { status } = current.programme;
      if (status === 'draft') throw transitionNotAllowed('draft', 'versioned', ['edit the draft with PATCH instead']);
      if (!VERSIONABLE_STATUSES.includes(status)) throw versioningClosed(status);
      const before = toRules(current);
      const rules = mergeRules(before, input.changes as Partial<ProgrammeRules>);
      const now = await this.programmes.now(tx);
      // A version may not take away what the call needs to run (the database would refuse it for dates and money).
      const errors = [
        ...windowChangeErrors(before, rules, status, now),
        ...completenessErrors(rules, 'requiredWhileOpen'),
        ...ruleConsistencyErrors(rules),
      ];
      if (errors.length) throw rulesInvalid(errors);
      if (sameRules(before, rules)) throw rulesUnchanged();
      const version = current.programme.rulesVersion + 1;
      const programme = await this.programmes.save(tx, applyRules({ ...current.programme, rulesVersion: version }, rules));
      await this.writeChildren(tx, id, rules);
      await this.programmes.insertRuleVersion(tx, { programmeId: id, version, rules, reason: input.reason, createdBy: actor.userId });
      await this.audit.record(tx, actor, {
        action: 'programme.rules_versioned',
        entityType: 'programme',
        entityId: id,
        before: { rulesVersion: version - 1, rules: before },
        after: { rulesVersion: version, reason: input.reason, rules },
      });
      return { programme, rules };
    });
  }

  changeStatus(actor: Actor | null, id: string, input: ChangeStatusDto): Promise<ProgrammeView> {
    return this.transactions.run(async (tx) => {
      const current = await this.loadForChange(tx, id);
      const from = current.programme.status;
      const allowed = STATUS_TRANSITIONS[from] ?? [];
      if (!allowed.includes(input.status)) throw transitionNotAllowed(from, input.status, allowed);
      const rules = toRules(current);
      const now = await this.programmes.now(tx);
      let rulesVersion = current.programme.rulesVersion;
      if (input.status === 'open') {
        const errors = readinessToOpenErrors(rules, now);
        if (errors.length) throw notReadyToOpen(errors);
        rulesVersion = 1;
        await this.programmes.createCounter(tx, id);
        await this.programmes.insertRuleVersion(tx, {
          programmeId: id,
          version: 1,
          rules,
          reason: input.reason || 'Opened for applications',
          createdBy: actor?.userId ?? null,
        });
      }
      if (input.status === 'closed') {
        const lastDeadline = await this.extensions.lastDeadline(tx, id);
        if (lastDeadline > now) throw callStillOpen(lastDeadline.toISOString());
      }
      const programme = await this.programmes.save(tx, { ...current.programme, status: input.status, rulesVersion });
      await this.audit.record(tx, actor, {
        action: 'programme.status_changed',
        entityType: 'programme',
        entityId: id,
        before: { status: from },
        after: { status: input.status, reason: input.reason ?? null, rulesVersion },
      });
      return { programme, rules };
    });
  }

  /** Start-up demo data: the open call goes through the same checks as a ministry user's. */
  openAsSystem(id: string) {
    return this.changeStatus(null, id, { status: 'open', reason: 'Demo data: opened at first start' });
  }

  /**
   * Demo data only: records a past call (dates long gone) in the status it historically reached, with its rules
   * frozen as version 1. Not reachable over HTTP; audited as an import.
   */
  importHistoricalStatus(id: string, status: ProgrammeStatus): Promise<void> {
    return this.transactions.run(async (tx) => {
      const current = await this.loadForChange(tx, id);
      const rules = toRules(current);
      await this.programmes.save(tx, { ...current.programme, status, rulesVersion: 1 });
      await this.programmes.createCounter(tx, id);
      await this.programmes.insertRuleVersion(tx, {
        programmeId: id,
        version: 1,
        rules,
        reason: 'Historical call loaded as demo data',
        createdBy: null,
      });
      await this.audit.record(tx, null, {
        action: 'programme.imported',
        entityType: 'programme',
        entityId: id,
        before: { status: 'draft' },
        after: { status, rulesVersion: 1 },
      });
    });
  }

  /** Drafts are visible to ministry staff and auditors only; to anyone else they do not exist. */
  async get(actor: Actor | undefined, id: string): Promise<ProgrammeView> {
    const loaded = await this.programmes.findWithRules(id);
    if (!loaded || !visibleTo(actor, loaded.programme.status)) throw notFound('Programme', id);
    return view(loaded);
  }

  list(actor: Actor | undefined, query: PageQueryDto & { status?: ProgrammeStatus }) {
    const visible = (isStaff(actor) ? [...PROGRAMME_STATUSES] : PUBLIC_STATUSES).filter((s) => !query.status || s === query.status);
    return this.programmes.list({ statuses: visible, ...pageWindow(query) });
  }

  async ruleVersions(actor: Actor | undefined, id: string) {
    await this.get(actor, id);
    return this.programmes.listRuleVersions(id);
  }

  private async loadForChange(tx: Tx, id: string): Promise<ProgrammeWithRules> {
    const loaded = await this.programmes.findWithRules(id, tx, true);
    if (!loaded) throw notFound('Programme', id);
    return loaded;
  }

  private async writeChildren(tx: Tx, programmeId: string, rules: ProgrammeRules) {
    await this.programmes.replaceCriteria(tx, programmeId, rules.criteria);
    await this.programmes.replaceEligibilityItems(tx, programmeId, rules.eligibilityChecklist);
  }
}

function assertConsistent(rules: ProgrammeRules) {
  const errors = ruleConsistencyErrors(rules);
  if (errors.length) throw rulesInvalid(errors);
}

const visibleTo = (actor: Actor | undefined, status: ProgrammeStatus) => isStaff(actor) || PUBLIC_STATUSES.includes(status);
