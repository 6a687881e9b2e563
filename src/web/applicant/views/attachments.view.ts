import { formatBytes } from '../../../common/pdf/format';
import type { ProgrammeRules } from '../../../programmes/programme.rules';
import type { AttachmentEntity } from '../../../submissions/submission-parts.entity';
import { html, type SafeHtml } from '../../html';
import type { PageContext } from '../../page-context';
import type { ShownProblem } from '../bid-problems';
import { attachmentFacts, describedBy, fieldError, problemsAt } from './bid-parts';

/**
 * One block per attachment kind of the programme: the file attached (download, size, sha256, remove) and a file
 * input. The inputs belong to the editor's multipart form, so "upload" also saves what was typed above.
 */
export function attachmentsEditor(
  context: PageContext,
  bidId: string,
  rules: ProgrammeRules,
  attachments: AttachmentEntity[],
  problems: ShownProblem[],
): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const kinds = rules.attachmentKinds.map((kind) => {
    const title = language === 'en' ? kind.titleEn : kind.titleRu;
    const file = attachments.find((f) => f.kind === kind.code);
    const id = `file-${kind.code}`;
    const here = problemsAt(problems, `attachment:${kind.code}`);
    return html`<li class="attachment-kind">
      <h3 id="${id}-title">${title} <span class="required-mark">(${kind.required ? a.required : a.optional})</span></h3>
      ${
        file
          ? html`${attachmentFacts(context, bidId, file)}
              <p>
                <button type="submit" name="action" value="remove-attachment:${file.id}" class="button-link">
                  ${a.removeFile(file.fileName)}
                </button>
              </p>`
          : html`<p class="muted">${a.notAttached}</p>`
      }
      <div class="field">
        <label for="${id}">${file ? a.replaceFile(title) : a.chooseFile(title)}</label>
        ${fieldError(id, here, t)}
        <input id="${id}" name="${id}" type="file" accept="application/pdf,.pdf" ${describedBy(id, false, here.length > 0)} />
      </div>
    </li>`;
  });
  return html`<section class="section" id="attachments" aria-labelledby="attachments-heading">
    <h2 id="attachments-heading">${a.attachmentsTitle}</h2>
    <p class="hint">${a.attachmentsHint(formatBytes(rules.maxAttachmentBytes, language))}</p>
    <ul class="attachment-list">
      ${kinds}
    </ul>
    <p><button type="submit" name="action" value="upload" class="button-quiet">${a.upload}</button></p>
  </section>`;
}

/** The attachments, read-only. */
export function attachmentsRecord(context: PageContext, bidId: string, rules: ProgrammeRules, attachments: AttachmentEntity[]): SafeHtml {
  const { t, language } = context;
  const a = t.applicant;
  const kinds = rules.attachmentKinds.map((kind) => {
    const file = attachments.find((f) => f.kind === kind.code);
    return html`<li class="attachment-kind">
      <h3>${language === 'en' ? kind.titleEn : kind.titleRu}</h3>
      ${file ? attachmentFacts(context, bidId, file) : html`<p class="muted">${a.notAttached}</p>`}
    </li>`;
  });
  return html`<section class="section" id="attachments" aria-labelledby="attachments-heading">
    <h2 id="attachments-heading">${a.attachmentsTitle}</h2>
    <ul class="attachment-list">
      ${kinds}
    </ul>
  </section>`;
}
