import { randomUUID } from 'node:crypto';
import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { CommonErrorCode } from '../errors/domain-error';

const ANSWERS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: CommonErrorCode.HEADERS_TOO_LARGE,
    message: 'The request line and headers are too large (at most 16 KB): shorten the URL, query or headers',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: CommonErrorCode.REQUEST_TIMEOUT, message: 'The request was not received in time' },
};
const MALFORMED = { status: 400, code: CommonErrorCode.MALFORMED_REQUEST, message: 'The request is not valid HTTP' };

/**
 * Requests Node's HTTP parser refuses (a URL or headers past its 16 KB limit, broken framing) never reach the app,
 * and Node answers them with an empty body. Answer them in the API's single error shape instead.
 */
export function answerUnparsableRequests(server: Server) {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: unknown }) => {
    // Nothing to say to a closed connection, nor in the middle of another response on a kept-alive one.
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage) {
      socket.destroy();
      return;
    }
    const { status, code, message } = ANSWERS[error.code ?? ''] ?? MALFORMED;
    const requestId = randomUUID();
    const body = JSON.stringify({ error: { code, message }, requestId });
    socket.end(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${requestId}`,
        'X-Content-Type-Options: nosniff',
        'Cache-Control: no-store',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
