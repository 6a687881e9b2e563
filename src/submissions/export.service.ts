import { Injectable } from '@nestjs/common';
import type { Writable } from 'node:stream';
import { notFound } from '../common/errors/domain-error';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { type ExportRow, writeSubmissionsCsv, writeSubmissionsXlsx } from './export.writer';
import { SubmissionsRepository } from './submissions.repository';

/** Exports of every bid (the version that counts) with its budget lines, for the ministry and auditors. */
@Injectable()
export class ExportService {
  constructor(
    private readonly submissions: SubmissionsRepository,
    private readonly programmes: ProgrammesRepository,
  ) {}

  private async rows(programmeId: string): Promise<{ code: string; rows: ExportRow[] }> {
    const loaded = await this.programmes.findWithRules(programmeId);
    if (!loaded) throw notFound('Programme', programmeId);
    const versions = await this.submissions.countingVersions(programmeId);
    const rows = versions.map((v) => ({
      registrationNumber: v.registrationNumber,
      status: v.status,
      title: v.title,
      clusterName: v.clusterName,
      regionCode: v.regionCode,
      submittedAt: v.submittedAt,
      version: v.version,
      lines: v.budgetLines,
    }));
    return { code: loaded.programme.code, rows };
  }

  async csv(programmeId: string) {
    const { code, rows } = await this.rows(programmeId);
    return { fileName: `${code}-bids.csv`, csv: writeSubmissionsCsv(rows) };
  }

  async xlsx(programmeId: string, output: Writable) {
    const { code, rows } = await this.rows(programmeId);
    return { fileName: `${code}-bids.xlsx`, write: () => writeSubmissionsXlsx(rows, output) };
  }
}
