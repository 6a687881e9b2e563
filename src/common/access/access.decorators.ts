import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

export const ROLES = ['ministry', 'commissioner', 'applicant', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller, attached to the request by the access guard. */
export interface Actor {
  userId: string;
  email: string;
  role: Role;
  clusterId: string | null;
  sessionId: string;
}

export const ACCESS_RULE = 'konkurs:access';
export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: Role[] };

/** Anyone, signed in or not. A token, if sent, must still be valid. */
export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

/** Signed-in callers with one of these roles. Routes without @Public or @Roles are closed to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

/** The signed-in caller; undefined on public routes called anonymously. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<{ actor?: Actor }>().actor;
});
