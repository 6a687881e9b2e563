import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request facts that logs and the audit log want without threading them through every call. */
export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

export const currentRequestId = (): string | null => requestContext.getStore()?.requestId ?? null;
