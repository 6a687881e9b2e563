import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export type Language = 'ru' | 'en';

/** Russian unless the caller prefers English (`Accept-Language: en`). */
export const RequestLanguage = createParamDecorator((_: unknown, context: ExecutionContext): Language => {
  const request = context.switchToHttp().getRequest<Request>();
  const accepted = request.header('accept-language') ?? '';
  return /^\s*en\b/i.test(accepted) ? 'en' : 'ru';
});
