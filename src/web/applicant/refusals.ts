import { AppealErrorCode } from '../../appeals/appeals.errors';
import { DomainError } from '../../common/errors/domain-error';
import { SubmissionErrorCode } from '../../submissions/submissions.errors';
import type { Dictionary } from '../i18n/dictionary';

/**
 * A service's refusal of a whole action that a person can meet in normal use (the deadline passed while the page was
 * open, a double submit, an appeal filed twice), in the page's language; null for anything else, which the page
 * must not swallow.
 */
export function refusalText(error: unknown, t: Dictionary): string | null {
  if (!(error instanceof DomainError)) return null;
  const r = t.applicant.refusal;
  const texts: Record<string, string> = {
    [SubmissionErrorCode.DEADLINE_PASSED]: r.deadline,
    [SubmissionErrorCode.PROGRAMME_NOT_OPEN]: r.notOpen,
    [SubmissionErrorCode.WRONG_STATUS]: r.status,
    [SubmissionErrorCode.CHANGED_CONCURRENTLY]: r.changed,
    [SubmissionErrorCode.NO_CLUSTER]: r.noCluster,
    [AppealErrorCode.WINDOW_CLOSED]: r.appealWindow,
    [AppealErrorCode.ALREADY_FILED]: r.appealTwice,
    [AppealErrorCode.NOT_PUBLISHED]: r.appealNotPublished,
  };
  return Object.hasOwn(texts, error.code) ? texts[error.code] : null;
}

/** The editor's buttons: `name="action"` values. */
export type EditorAction =
  | { kind: 'save' | 'check' | 'submit' | 'upload' | 'add-row' }
  | { kind: 'remove-row'; row: number }
  | { kind: 'remove-attachment'; attachmentId: string };

const SIMPLE = ['save', 'check', 'submit', 'upload', 'add-row'] as const;

/** Which button was pressed; Enter in a field submits the first button of the form, which is "save". */
export function editorAction(value: string | undefined): EditorAction {
  const simple = SIMPLE.find((kind) => kind === value);
  if (simple) return { kind: simple };
  const row = /^remove-row:(\d{1,3})$/.exec(value ?? '');
  if (row) return { kind: 'remove-row', row: Number(row[1]) };
  const attachment = /^remove-attachment:([0-9a-f-]{36})$/i.exec(value ?? '');
  if (attachment) return { kind: 'remove-attachment', attachmentId: attachment[1].toLowerCase() };
  return { kind: 'save' };
}

export const NOTICES = ['saved', 'uploaded', 'fileRemoved', 'withdrawn', 'appealSent'] as const;
export type Notice = (typeof NOTICES)[number];

/** The confirmation named in `?done=` after a redirect; anything else shows none. */
export const noticeOf = (value: unknown): Notice | null => NOTICES.find((notice) => notice === value) ?? null;
