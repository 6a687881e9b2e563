import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { AllocationsRepository } from '../allocations/allocations.repository';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { assertClusterVisible } from '../common/access/ownership';
import { TransactionRunner } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { JobQueue } from '../common/jobs/job-queue';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { FileStorage } from '../submissions/file-storage';
import { DecisionData } from './decision-data';
import { renderDecisionLetter } from './decision-letter.renderer';
import { decisionsAlreadyIssued, notPublishedYet } from './decisions.errors';
import { type DecisionLanguage, type DecisionRow, DecisionsRepository, type DocumentJob } from './decisions.repository';
import { renderProtocol } from './protocol.renderer';

export const DECISIONS_QUEUE = 'decisions';
/** Far above any real letter; a document this large means a bug, not a bigger programme. */
const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
/** Crockford's base32 without I, L, O, U: codes read aloud or typed from paper survive. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 60 random bits as XXXX-XXXX-XXXX. */
export function verificationCode(): string {
  const bytes = randomBytes(12);
  const symbols = Array.from(bytes, (b) => CODE_ALPHABET[b & 31]);
  return `${symbols.slice(0, 4).join('')}-${symbols.slice(4, 8).join('')}-${symbols.slice(8, 12).join('')}`;
}

export interface IssueProgress {
  issueId: string;
  runId: string;
  total: number;
  done: number;
  status: 'running' | 'completed';
  startedAt: Date;
  finishedAt: Date | null;
  /** Documents per second since the start. */
  ratePerSecond: number;
  /** At the current rate; null when nothing is done yet or all is done. */
  secondsLeft: number | null;
}

/**
 * Issuing decisions for a published run: one action enqueues a job per document (a letter per bid and language,
 * the protocol per language) in the same transaction that records the issue. Workers on any instance render each
 * document, stream it to storage with its sha256 and record it; a retried or duplicated job finds its document
 * recorded and does nothing, so a crash or restart resumes without duplicates or gaps.
 */
@Injectable()
export class DecisionsService implements OnModuleInit {
  private readonly logger = new Logger('Decisions');

  constructor(
    private readonly repository: DecisionsRepository,
    private readonly allocations: AllocationsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly data: DecisionData,
    private readonly storage: FileStorage,
    private readonly jobs: JobQueue,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  onModuleInit() {
    this.jobs.register<DocumentJob>({
      queue: DECISIONS_QUEUE,
      batchSize: 32,
      expireInSeconds: 20,
      retryLimit: 5,
      handle: (jobs) => this.handle(jobs),
    });
  }

  /** Issues every decision of the programme's published run; one issue per run (a superseding run gets its own). */
  async issue(actor: Actor, programmeId: string): Promise<IssueProgress> {
    const issueId = await this.transactions.run(async (tx) => {
      const found = await this.programmes.findWithRules(programmeId, tx, true);
      if (!found || found.programme.status === 'draft') throw notFound('Programme', programmeId);
      const run = await this.allocations.publishedRun(programmeId, tx);
      if (!run) throw notPublishedYet();
      if (await this.repository.issueOfRun(run.id, tx)) throw decisionsAlreadyIssued(run.number);
      const [{ bids }] = await tx.query(`SELECT count(*)::int AS bids FROM allocation_run_bids WHERE run_id = $1`, [run.id]);
      const total = bids * 2 + 2;
      const id = await this.repository.createIssue(tx, programmeId, run.id, total, actor.userId);
      const documents: DocumentJob[] = [
        ...(['ru', 'en'] as const).map((language) => ({ issueId: id, kind: 'protocol' as const, submissionId: null, language })),
        ...(
          (await tx.query(`SELECT submission_id FROM allocation_run_bids WHERE run_id = $1 ORDER BY rank NULLS LAST`, [run.id])) as {
            submission_id: string;
          }[]
        ).flatMap(({ submission_id }) =>
          (['ru', 'en'] as const).map((language) => ({ issueId: id, kind: 'letter' as const, submissionId: submission_id, language })),
        ),
      ];
      await this.jobs.insert(tx, DECISIONS_QUEUE, documents);
      await this.audit.record(tx, actor, {
        action: 'decisions.issue',
        entityType: 'decision_issue',
        entityId: id,
        before: null,
        after: { programmeId, runId: run.id, runNumber: run.number, documents: total },
      });
      return id;
    });
    this.logger.log(`Issuing decisions ${issueId} of programme ${programmeId}`);
    return (await this.progress(programmeId, issueId))!;
  }

  /** Re-queues what an issue still lacks (all of it, or one bid's letters): for jobs that ran out of retries. */
  async retry(actor: Actor, programmeId: string, issueId: string, submissionId?: string): Promise<IssueProgress> {
    const progress = await this.progress(programmeId, issueId);
    if (!progress) throw notFound('Decision issue', issueId);
    const missing = await this.repository.missingDocuments(issueId, submissionId);
    await this.transactions.run(async (tx) => {
      if (missing.length) await this.jobs.insert(tx, DECISIONS_QUEUE, missing);
      await this.audit.record(tx, actor, {
        action: 'decisions.retry',
        entityType: 'decision_issue',
        entityId: issueId,
        before: null,
        after: { submissionId: submissionId ?? null, requeued: missing.length },
      });
    });
    return (await this.progress(programmeId, issueId))!;
  }

  async progress(programmeId: string, issueId: string): Promise<IssueProgress | null> {
    const issue = await this.repository.issue(programmeId, issueId);
    if (!issue) return null;
    const completed = issue.done >= issue.total;
    const until = completed && issue.lastIssuedAt ? issue.lastIssuedAt : issue.now;
    const seconds = Math.max(0.001, (until.getTime() - issue.startedAt.getTime()) / 1000);
    const rate = issue.done / seconds;
    return {
      issueId: issue.id,
      runId: issue.runId,
      total: issue.total,
      done: issue.done,
      status: completed ? 'completed' : 'running',
      startedAt: issue.startedAt,
      finishedAt: completed ? issue.lastIssuedAt : null,
      ratePerSecond: Math.round(rate * 100) / 100,
      secondsLeft: completed || issue.done === 0 ? null : Math.ceil((issue.total - issue.done) / rate),
    };
  }

  async issues(programmeId: string): Promise<IssueProgress[]> {
    const issues = await this.repository.issues(programmeId);
    return (await Promise.all(issues.map((i) => this.progress(programmeId, i.id)))) as IssueProgress[];
  }

  /** What a verification code's document says; public. */
  async verify(code: string): Promise<DecisionRow> {
    const decision = await this.repository.find(code.trim().toUpperCase());
    if (!decision) throw notFound('Decision', code);
    return decision;
  }

  /** The current letter of a bid, for its cluster and staff. */
  async letterFor(actor: Actor, submissionId: string, language: DecisionLanguage) {
    const decision = await this.repository.currentLetter(submissionId, language);
    if (!decision) throw notFound('Decision of submission', submissionId);
    assertClusterVisible(actor, decision.clusterId, 'Decision of submission', submissionId);
    return { decision, file: this.storage.open(decision.sha256) };
  }

  /** Languages in which the bid's current decision letter is issued (for links to it); for its cluster and staff. */
  async letterLanguages(actor: Actor, submissionId: string): Promise<DecisionLanguage[]> {
    const found = await Promise.all((['ru', 'en'] as const).map((language) => this.repository.currentLetter(submissionId, language)));
    const letters = found.filter((d) => d !== null);
    for (const letter of letters) assertClusterVisible(actor, letter.clusterId, 'Decision of submission', submissionId);
    return letters.map((d) => d.language);
  }

  /** Languages in which the programme's current protocol is issued (for links to it). */
  async protocolLanguages(programmeId: string): Promise<DecisionLanguage[]> {
    const found = await Promise.all((['ru', 'en'] as const).map((language) => this.repository.currentProtocol(programmeId, language)));
    return found.filter((d) => d !== null).map((d) => d.language);
  }

  /** The current protocol; public once issued. */
  async protocolOf(programmeId: string, language: DecisionLanguage) {
    const decision = await this.repository.currentProtocol(programmeId, language);
    if (!decision) throw notFound('Protocol of programme', programmeId);
    return { decision, file: this.storage.open(decision.sha256) };
  }

  private async handle(jobs: PgBoss.Job<DocumentJob>[]) {
    for (const job of jobs) await this.produce(job.data);
    const issueId = jobs[0]?.data.issueId;
    if (issueId) {
      const issue = await this.repository.issue((await this.data.context(issueId)).programme.id, issueId);
      if (issue) this.logger.log(`Decisions ${issueId}: ${issue.done} / ${issue.total}`);
    }
  }

  /** Renders, stores and records one document, unless an earlier attempt already recorded it. */
  private async produce(job: DocumentJob) {
    if (await this.repository.isRecorded(job)) return;
    const context = await this.data.context(job.issueId);
    const code = verificationCode();
    const id = randomUUID();
    const previous = await this.repository.currentBefore(job, context.programme.id);
    let document: PDFKit.PDFDocument;
    let facts: { outcome: string | null; fundedFederalKopecks: bigint | null } = { outcome: null, fundedFederalKopecks: null };
    if (job.kind === 'letter') {
      const letter = await this.data.letter(job.issueId, job.submissionId!, job.language, code, previous?.code ?? null);
      document = renderDecisionLetter(letter.data);
      facts = { outcome: letter.outcome, fundedFederalKopecks: letter.fundedFederalKopecks };
    } else document = renderProtocol(await this.data.protocol(job.issueId, job.language, code));
    const stored = await this.storage.storePdf(document as unknown as NodeJS.ReadableStream as never, MAX_DOCUMENT_BYTES);
    await this.transactions.run((tx) =>
      this.repository.record(tx, {
        ...job,
        id,
        programmeId: context.programme.id,
        runId: context.run.id,
        code,
        sha256: stored.sha256,
        sizeBytes: stored.sizeBytes,
        ...facts,
      }),
    );
  }
}
