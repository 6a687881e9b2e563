import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { CommonErrorCode, DomainError } from '../../common/errors/domain-error';
import { CSRF_FIELD } from '../session/csrf';
import { formExpired } from '../web.errors';
import type { FormFields } from './bid-form';

/** One file a person chose in the form. Its stream must be read to the end (or resumed) for the form to go on. */
export interface ChosenFile {
  field: string;
  fileName: string;
  mimeType: string;
  stream: Readable;
}

export interface FormReading {
  /** Checks the anti-forgery token; throws to refuse the form. Runs before any file is read. */
  checkCsrf(token: string | undefined): void;
  /** Takes one chosen file (files come one after another, in the form's order). */
  onFile(file: ChosenFile): Promise<void>;
}

/** Far above what the editor posts (50 sections, 500 budget rows of 4 fields, a file per attachment kind). */
const LIMITS = { fieldNameSize: 100, fieldSize: 1024 * 1024, fields: 4000, files: 50, parts: 4100 };

const malformed = () => new DomainError(CommonErrorCode.MALFORMED_REQUEST, 'The form could not be read', HttpStatus.BAD_REQUEST);

/**
 * Reads the bid editor's form: multipart/form-data as browsers post it (the file parts streamed to `onFile` as
 * they arrive, never buffered whole), or an urlencoded body already parsed by the app (forms without files). The
 * anti-forgery token must come before any file (the form puts it first); a form without it is refused.
 */
export function readForm(request: Request, reading: FormReading): Promise<FormFields> {
  if (!(request.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    const fields = fieldsOf(request.body);
    reading.checkCsrf(fields.get(CSRF_FIELD)?.[0]);
    return Promise.resolve(fields);
  }
  return new Promise<FormFields>((resolve, reject) => {
    let parser: ReturnType<typeof busboy>;
    try {
      parser = busboy({ headers: request.headers, limits: LIMITS, defCharset: 'utf8', defParamCharset: 'utf8' });
    } catch {
      reject(malformed());
      return;
    }
    const fields: FormFields = new Map();
    let tokenChecked = false;
    let failure: unknown = null;
    let files = Promise.resolve();
    const fail = (error: unknown) => (failure ??= error);

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) fail(malformed());
      if (name === CSRF_FIELD && !tokenChecked && failure === null) {
        try {
          reading.checkCsrf(value);
          tokenChecked = true;
        } catch (error) {
          fail(error);
        }
      }
      fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    parser.on('file', (name, stream, info) => {
      if (!info.filename || failure !== null || !tokenChecked) {
        if (info.filename && !tokenChecked) fail(formExpired());
        stream.resume();
        return;
      }
      const file = { field: name, fileName: info.filename, mimeType: info.mimeType, stream };
      files = files.then(() =>
        reading.onFile(file).catch((error: unknown) => {
          stream.resume();
          fail(error);
        }),
      );
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) parser.on(limit, () => fail(malformed()));
    parser.on('error', () => {
      request.unpipe(parser);
      request.resume();
      void files.then(() => reject(failure ?? malformed()));
    });
    parser.on('close', () => {
      void files.then(() => {
        if (failure === null && !tokenChecked) fail(formExpired());
        if (failure !== null) reject(failure);
        else resolve(fields);
      });
    });
    request.pipe(parser);
  });
}

/** An urlencoded body (parsed by the app) as form fields: strings only, repeated names as lists. */
function fieldsOf(body: unknown): FormFields {
  const fields: FormFields = new Map();
  if (!body || typeof body !== 'object') return fields;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.every((v) => typeof v === 'string')) fields.set(name, values as string[]);
  }
  return fields;
}
