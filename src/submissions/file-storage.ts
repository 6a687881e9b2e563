import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { APP_CONFIG, type AppConfig } from '../common/config/config';

export interface StoredFile {
  sha256: string;
  sizeBytes: number;
}

export class FileTooLargeError extends Error {}
export class NotPdfError extends Error {}

const PDF_MAGIC = Buffer.from('%PDF-');

/** Back-pressure: resolves when the stream can take more, or has closed (after an error); leaves no listeners behind. */
function drainedOrClosed(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('close', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
  });
}

/**
 * Content-addressed file storage: a file lives at storage/<sha256>, so identical uploads share one file and a
 * submitted version's attachments can never be overwritten. Uploads stream through a hash to a temporary file,
 * never whole in memory, and stop as soon as they pass the size limit or fail the PDF signature.
 */
@Injectable()
export class FileStorage {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async storePdf(input: Readable, maxBytes: number): Promise<StoredFile> {
    const tmpDir = join(this.config.storageDir, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmpPath = join(tmpDir, `${Date.now()}-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    const output = createWriteStream(tmpPath, { mode: 0o640 });
    // A write error (disk full, no permission) must become this upload's error, not an unhandled 'error' event.
    let writeError: Error | null = null;
    output.on('error', (error) => (writeError = error));
    let size = 0;
    let head = Buffer.alloc(0);
    try {
      for await (const chunk of input) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > maxBytes) throw new FileTooLargeError();
        if (head.length < PDF_MAGIC.length) {
          head = Buffer.concat([head, buffer.subarray(0, PDF_MAGIC.length - head.length)]);
          if (head.length >= PDF_MAGIC.length && !head.equals(PDF_MAGIC)) throw new NotPdfError();
        }
        hash.update(buffer);
        if (writeError) throw writeError;
        if (!output.write(buffer)) await drainedOrClosed(output);
        if (writeError) throw writeError;
      }
      if (head.length < PDF_MAGIC.length) throw new NotPdfError();
      await new Promise<void>((resolve, reject) => {
        if (writeError) return reject(writeError);
        output.once('error', reject);
        output.end(() => resolve());
      });
      const sha256 = hash.digest('hex');
      const finalPath = this.pathOf(sha256);
      await mkdir(join(this.config.storageDir, sha256.slice(0, 2)), { recursive: true });
      if (existsSync(finalPath)) await rm(tmpPath, { force: true });
      else await rename(tmpPath, finalPath);
      return { sha256, sizeBytes: size };
    } catch (error) {
      // The file is opened asynchronously: removing it before the stream has closed could run before the open and
      // leave an empty temporary file behind, so wait for the close first.
      if (!output.closed) await new Promise<void>((resolve) => output.once('close', () => resolve()).destroy());
      input.resume(); // drain what the client still sends, so the error response can be read
      await rm(tmpPath, { force: true });
      throw error;
    }
  }

  open(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }

  private pathOf(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256');
    return join(this.config.storageDir, sha256.slice(0, 2), sha256);
  }
}
