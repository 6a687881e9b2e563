import type { ProgrammeRules } from '../../programmes/programme.rules';
import { dictionary } from '../i18n/dictionary';
import { blankRow, draftFromForm, formFromBid, formFromFields, type FormFields } from './bid-form';
import { placementOf, showProblems } from './bid-problems';
import { editorAction, noticeOf } from './refusals';

const rules = {
  fundingYears: [2027, 2028],
  costCategories: ['joint-rnd', 'training-and-education'],
  minCofinancingBasisPoints: 3000,
  maxFederalPerBidKopecks: '20000000000',
  maxFederalPerClusterKopecks: null,
  maxAttachmentBytes: 1_000_000,
  sections: [
    { code: 'programme', titleRu: 'Программа развития', titleEn: 'Development programme', required: true, maxLength: 100 },
    { code: 'results', titleRu: 'Результаты', titleEn: 'Results', required: false, maxLength: 100 },
  ],
  attachmentKinds: [{ code: 'regional-letter', titleRu: 'Письмо субъекта РФ', titleEn: 'Regional letter', required: true }],
} as unknown as ProgrammeRules;

const fields = (entries: [string, string | string[]][]): FormFields => new Map(entries.map(([name, value]) => [name, [value].flat()]));

describe('the bid form', () => {
  it('reads rows by position, the programme sections only, and line breaks as the person typed them', () => {
    const form = formFromFields(
      fields([
        ['title', 'Центр'],
        ['section-programme', 'Первый абзац\r\n\r\nВторой'],
        ['section-unknown', 'не раздел конкурса'],
        ['line-year', ['2027', '2028']],
        ['line-category', ['joint-rnd', 'training-and-education']],
        ['line-source', ['federal', 'regional']],
        ['line-amount', ['1 000,00', '']],
      ]),
      rules,
    );
    expect(form.sections).toEqual({ programme: 'Первый абзац\n\nВторой' });
    expect(form.rows).toEqual([
      { year: '2027', category: 'joint-rnd', source: 'federal', amount: '1 000,00' },
      { year: '2028', category: 'training-and-education', source: 'regional', amount: '' },
    ]);
    expect(form.contactEmail).toBe('');
  });

  it('shows a stored bid with its amounts formatted for the page language, and one blank row when it has none', () => {
    const bid = { title: 't', summary: '', sections: {}, contactName: '', contactEmail: '', contactPhone: '' };
    const lines = [{ year: 2028, category: 'joint-rnd', source: 'regional' as const, amountKopecks: '123456789' }];
    expect(formFromBid(bid, lines, rules, 'ru').rows[0].amount).toBe('1 234 567,89');
    expect(formFromBid(bid, lines, rules, 'en').rows[0].amount).toBe('1,234,567.89');
    expect(formFromBid(bid, [], rules, 'ru').rows).toEqual([blankRow(rules)]);
    expect(blankRow(rules, { year: '2028', category: 'training-and-education', source: 'regional', amount: '5' })).toEqual({
      year: '2028',
      category: 'training-and-education',
      source: 'federal',
      amount: '',
    });
  });

  it('becomes the API draft: exact kopecks, rows without an amount left out, the DTO rules applied', async () => {
    const form = formFromFields(
      fields([
        ['title', '  Центр  '],
        ['line-year', ['2027', '2027', '2028']],
        ['line-category', ['joint-rnd', 'joint-rnd', 'joint-rnd']],
        ['line-source', ['federal', 'regional', 'regional']],
        ['line-amount', ['', '0,29', '1.234.567,89']],
      ]),
      rules,
    );
    const { draft, problems, rowOfLine } = await draftFromForm(form);
    expect(problems).toEqual([]);
    expect(rowOfLine).toEqual([1, 2]);
    expect(draft!.title).toBe('Центр');
    expect(draft!.budgetLines!.map((l) => [l.year, l.source, l.amountKopecks])).toEqual([
      [2027, 'regional', '29'],
      [2028, 'regional', '123456789'],
    ]);
  });

  it('names each problem by the row the form shows, unreadable amounts and the DTO refusals alike', async () => {
    const form = formFromFields(
      fields([
        ['contactEmail', 'not-an-address'],
        ['line-year', ['2027', '2027', 'x']],
        ['line-category', ['joint-rnd', 'joint-rnd', 'joint-rnd']],
        ['line-source', ['federal', 'federal', 'regional']],
        ['line-amount', ['', '1,234', '5']],
      ]),
      rules,
    );
    const { draft, problems } = await draftFromForm(form);
    expect(draft).toBeNull();
    expect(problems.map((p) => [p.field, p.rule])).toEqual(
      expect.arrayContaining([
        ['budgetLines[1].amountKopecks', 'amount.decimals'],
        ['budgetLines[2].year', 'isInt'],
        ['contactEmail', 'isEmail'],
      ]),
    );
  });
});

describe('problems on the page', () => {
  const t = dictionary('en');
  const lines = [
    { year: 2027, category: 'joint-rnd', source: 'federal' as const, amountKopecks: '90000' },
    { year: 2027, category: 'joint-rnd', source: 'regional' as const, amountKopecks: '10000' },
  ];

  it('places each service field at its input, and the rest in the summary only', () => {
    expect(placementOf('budgetLines[3].amountKopecks', rules)).toEqual({ placement: 'line:3:amount', anchor: 'line-3-amount' });
    expect(placementOf('budgetLines[2]', rules)).toEqual({ placement: 'line:2:row', anchor: 'line-2-year' });
    expect(placementOf('budgetLines', rules)).toEqual({ placement: 'budget', anchor: 'budget' });
    expect(placementOf('sections.programme', rules)).toEqual({ placement: 'section:programme', anchor: 'section-programme' });
    expect(placementOf('attachments.regional-letter', rules)).toEqual({
      placement: 'attachment:regional-letter',
      anchor: 'file-regional-letter',
    });
    expect(placementOf('sections.gone', rules)).toEqual({ placement: 'general', anchor: null });
    expect(placementOf('programme', rules)).toEqual({ placement: 'general', anchor: null });
  });

  it('words them in the page language, quoting the share of the lines checked, in the order of the page', () => {
    const shown = showProblems(
      [
        { field: 'attachments.regional-letter', rule: 'requiredAttachment', message: 'attach "Regional letter" (PDF)' },
        { field: 'budgetLines', rule: 'cofinancingShare', message: 'co-financing is 10.00 % …' },
        { field: 'sections.programme', rule: 'requiredSection', message: 'section is required' },
        { field: 'programme', rule: 'somethingNew', message: 'a rule the page does not know yet' },
      ],
      { t, language: 'en', rules, lines },
    );
    expect(shown.map((s) => s.message)).toEqual([
      'a rule the page does not know yet',
      'Fill in the section "Development programme".',
      'Co-financing is 10.00% of the budget; at least 30% is required.',
      'Attach the document "Regional letter" (PDF).',
    ]);
  });
});

describe('the editor buttons', () => {
  it('reads the action, and saves for anything it does not know', () => {
    expect(editorAction('check')).toEqual({ kind: 'check' });
    expect(editorAction('remove-row:12')).toEqual({ kind: 'remove-row', row: 12 });
    const id = '0b0f1c62-4f4e-4c1a-9d7a-3c1c0a4c2f10';
    expect(editorAction(`remove-attachment:${id.toUpperCase()}`)).toEqual({ kind: 'remove-attachment', attachmentId: id });
    expect(editorAction('remove-row:x')).toEqual({ kind: 'save' });
    expect(editorAction(undefined)).toEqual({ kind: 'save' });
    expect(noticeOf('saved')).toBe('saved');
    expect(noticeOf('<script>')).toBeNull();
  });
});
