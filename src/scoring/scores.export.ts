import ExcelJS from 'exceljs';
import type { CommissionBoard } from '../commissions/commission-board';
import { csvField } from '../submissions/export.writer';
import type { ScoreRow } from './scoring.repository';

export interface ScoreExportRow {
  registrationNumber: string;
  clusterName: string;
  reviewer: string;
  criterionCode: string;
  score: number;
  justification: string;
  /** 'review' for a reviewer's score, 'consensus' for the chair's. */
  kind: 'review' | 'consensus';
  at: Date | null;
}

interface ExportSource {
  board: CommissionBoard;
  scores: ScoreRow[];
  consensus: { bidId: string; criterionCode: string; score: number; justification: string; decidedAt: Date }[];
}

/** Every reviewer's score and every consensus score, one row each, ordered by bid, kind, reviewer and criterion. */
export function scoreExportRows({ board, scores, consensus }: ExportSource): ScoreExportRow[] {
  const bid = (id: string) => board.bids.find((b) => b.id === id)!;
  const chair = board.members.find((m) => m.role === 'chair')?.fullName ?? 'chair';
  return [
    ...scores.map((s) => ({ ...s, kind: 'review' as const, reviewer: s.reviewerName, at: s.submittedAt })),
    ...consensus.map((c) => ({ ...c, kind: 'consensus' as const, reviewer: chair, at: c.decidedAt })),
  ]
    .map((s) => ({ ...s, registrationNumber: bid(s.bidId).registrationNumber, clusterName: bid(s.bidId).clusterName }))
    .sort(
      (a, b) =>
        a.registrationNumber.localeCompare(b.registrationNumber) ||
        a.kind.localeCompare(b.kind) ||
        a.reviewer.localeCompare(b.reviewer) ||
        a.criterionCode.localeCompare(b.criterionCode),
    );
}

const HEADERS = ['Registration number', 'Cluster', 'Kind', 'Reviewer', 'Criterion', 'Score', 'Justification', 'Submitted at (UTC)'];

const cells = (r: ScoreExportRow) => [
  r.registrationNumber,
  r.clusterName,
  r.kind,
  r.reviewer,
  r.criterionCode,
  r.score,
  r.justification,
  r.at?.toISOString() ?? '',
];

/** Semicolon-separated with a BOM, as Excel in a Russian locale opens it; scores with a decimal comma. */
export function writeScoresCsv(rows: ScoreExportRow[]): string {
  const lines = [HEADERS.map((h) => csvField(h)).join(';')];
  for (const row of rows) {
    lines.push(
      cells(row)
        .map((value) => (typeof value === 'number' ? csvField(String(value).replace('.', ','), { text: false }) : csvField(value)))
        .join(';'),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** One sheet, streamed row by row; scores are numbers. */
export async function writeScoresXlsx(rows: ScoreExportRow[], output: NodeJS.WritableStream): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output as unknown as import('node:stream').Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Scores');
  sheet.columns = HEADERS.map((header, i) => ({ header, width: [20, 40, 11, 30, 12, 8, 80, 26][i] }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const row of rows) sheet.addRow(cells(row)).commit();
  sheet.commit();
  await workbook.commit();
}
