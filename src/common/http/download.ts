import type { Response } from 'express';

/** RFC 6266 download headers: never rendered inline, whatever the file holds. */
export function downloadHeaders(response: Response, fileName: string, contentType: string) {
  response.setHeader('Content-Type', contentType);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
}
