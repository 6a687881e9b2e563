// TEMP stub until the real writer lands
export interface ExportRow { registrationNumber: string | null; status: string; title: string; clusterName: string; regionCode: string; submittedAt: Date | null; version: number; lines: { year: number; category: string; source: 'federal' | 'regional' | 'extra-budgetary'; amountKopecks: string }[] }
export function writeSubmissionsCsv(rows: ExportRow[]): string { return String(rows.length); }
export async function writeSubmissionsXlsx(rows: ExportRow[], output: NodeJS.WritableStream): Promise<void> { output.end(String(rows.length)); }
