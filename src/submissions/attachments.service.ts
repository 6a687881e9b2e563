import { HttpStatus, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { assertClusterVisible } from '../common/access/ownership';
import { TransactionRunner } from '../common/database/transaction';
import { DomainError, notFound } from '../common/errors/domain-error';
import { FileStorage, FileTooLargeError, NotPdfError } from './file-storage';
import { SubmissionErrorCode } from './submissions.errors';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';

/**
 * Keeps a display name only: no folders, no control characters, no bidirectional overrides (which can make
 * "x\u202Efdp.exe" read as "xexe.pdf"), at most 200 characters, ending in .pdf.
 */
export function safeFileName(raw: string | undefined, kind: string): string {
  const base = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"<>|:*?]/g, '')
    .trim()
    .slice(0, 200);
  const name = base && base !== '.' && base !== '..' ? base : kind;
  return /\.pdf$/i.test(name) ? name : `${name}.pdf`;
}

@Injectable()
export class AttachmentsService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly bids: SubmissionsService,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Streams a PDF into storage, then attaches it to the working copy (replacing an earlier file of the same kind).
   * Ownership, kind and deadline are checked before reading the body and again when attaching.
   */
  async upload(actor: Actor, id: string, kind: string, fileName: string | undefined, contentType: string | undefined, body: Readable) {
    const context = await this.transactions.run((tx) => this.bids.loadForChange(tx, actor, id, 'edited'));
    if (!context.rules.attachmentKinds.some((k) => k.code === kind)) {
      throw new DomainError(
        SubmissionErrorCode.ATTACHMENT_KIND_UNKNOWN,
        `The programme asks for no attachment "${kind}"`,
        HttpStatus.BAD_REQUEST,
        [
          {
            field: 'kind',
            rule: 'knownKind',
            message: `kind must be one of: ${context.rules.attachmentKinds.map((k) => k.code).join(', ') || '(none)'}`,
          },
        ],
      );
    }
    if ((contentType ?? '').split(';')[0].trim().toLowerCase() !== 'application/pdf') throw notPdf('Content-Type must be application/pdf');
    const stored = await this.storage.storePdf(body, context.rules.maxAttachmentBytes).catch((error: unknown) => {
      if (error instanceof FileTooLargeError) {
        throw new DomainError(
          SubmissionErrorCode.ATTACHMENT_TOO_LARGE,
          `The file is larger than the programme's limit of ${context.rules.maxAttachmentBytes} bytes`,
          HttpStatus.PAYLOAD_TOO_LARGE,
          [{ field: 'body', rule: 'maxBytes', message: `at most ${context.rules.maxAttachmentBytes} bytes` }],
        );
      }
      if (error instanceof NotPdfError) throw notPdf('The file is not a PDF (it does not start with %PDF-)');
      throw error;
    });
    return this.transactions.run(async (tx) => {
      await this.bids.loadForChange(tx, actor, id, 'edited');
      const attachment = await this.submissions.upsertAttachment(tx, {
        submissionId: id,
        kind,
        fileName: safeFileName(fileName, kind),
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        uploadedBy: actor.userId,
      });
      await this.audit.record(tx, actor, {
        action: 'submission.attachment_added',
        entityType: 'submission',
        entityId: id,
        after: { kind, sha256: stored.sha256, sizeBytes: stored.sizeBytes },
      });
      return attachment;
    });
  }

  remove(actor: Actor, id: string, attachmentId: string) {
    return this.transactions.run(async (tx) => {
      const context = await this.bids.loadForChange(tx, actor, id, 'edited');
      const attachment = context.attachments.find((a) => a.id === attachmentId);
      if (!attachment) throw notFound('Attachment', attachmentId);
      await this.submissions.deleteAttachment(tx, id, attachmentId);
      await this.audit.record(tx, actor, {
        action: 'submission.attachment_removed',
        entityType: 'submission',
        entityId: id,
        before: { kind: attachment.kind, sha256: attachment.sha256 },
      });
    });
  }

  async download(actor: Actor, id: string, attachmentId: string) {
    const submission = await this.submissions.findById(id);
    if (!submission) throw notFound('Submission', id);
    assertClusterVisible(actor, submission.clusterId, 'Submission', id);
    const attachment = await this.submissions.findAttachment(id, attachmentId);
    if (!attachment) throw notFound('Attachment', attachmentId);
    return { attachment, stream: this.storage.open(attachment.sha256) };
  }
}

const notPdf = (message: string) =>
  new DomainError(SubmissionErrorCode.ATTACHMENT_NOT_PDF, message, HttpStatus.UNSUPPORTED_MEDIA_TYPE, [
    { field: 'body', rule: 'isPdf', message },
  ]);
