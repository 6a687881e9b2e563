import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/access/access.decorators';
import { APP_CONFIG, type AppConfig } from '../common/config/config';
import { TransactionRunner, type Tx } from '../common/database/transaction';
import type { DomainError } from '../common/errors/domain-error';
import { UsersRepository } from '../users/users.repository';
import { invalidCredentials, tooManyAttempts, wrongCurrentPassword } from './auth.errors';
import { AuthRepository } from './auth.repository';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';

export interface LoginResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Checks the password and opens a session. Attempts for one e-mail are serialised and counted in the
   * database, so the limit holds across parallel requests and app instances.
   */
  async login(emailInput: string, password: string, ip: string, userAgent: string | null): Promise<LoginResult> {
    const email = emailInput.trim().toLowerCase();
    const outcome = await this.transactions.run(async (tx) => {
      const limited = await this.lockAndCheckAttempts(tx, email, ip);
      if (limited) return { error: limited };
      const user = await this.users.findByEmailForSignIn(tx, email);
      const passwordOk = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      const succeeded = Boolean(user && user.isActive && passwordOk);
      await this.auth.recordAttempt(tx, email, ip, succeeded);
      if (!succeeded || !user) return { error: invalidCredentials() };
      const token = randomBytes(32).toString('base64url');
      const session = await this.auth.createSession(
        tx,
        { userId: user.id, tokenHash: hashToken(token), ip, userAgent },
        this.config.tokenTtlHours,
      );
      const actor: Actor = { userId: user.id, email: user.email, role: user.role, clusterId: user.clusterId, sessionId: session.id };
      await this.audit.record(tx, actor, {
        action: 'auth.login',
        entityType: 'session',
        entityId: session.id,
        after: { userId: user.id, ip },
      });
      return { result: { token, expiresAt: session.expiresAt, actor } };
    });
    // The failed attempt is committed before the error leaves, so it counts.
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  }

  async authenticate(token: string): Promise<Actor | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
    const found = await this.auth.findLiveSession(hashToken(token));
    return found && { userId: found.userId, email: found.email, role: found.role, clusterId: found.clusterId, sessionId: found.sessionId };
  }

  logout(actor: Actor) {
    return this.transactions.run(async (tx) => {
      await this.auth.revokeSession(tx, actor.sessionId);
      await this.audit.record(tx, actor, { action: 'auth.logout', entityType: 'session', entityId: actor.sessionId });
    });
  }

  /** Revokes every session of `userId` (the caller's own ones, or any user's for the ministry). */
  revokeAllSessions(actor: Actor, userId: string, keepCurrent = false) {
    return this.transactions.run(async (tx) => {
      const revoked = await this.auth.revokeUserSessions(tx, userId, keepCurrent ? actor.sessionId : null);
      await this.audit.record(tx, actor, { action: 'auth.sessions_revoked', entityType: 'user', entityId: userId, after: { revoked } });
      return revoked;
    });
  }

  listSessions(actor: Actor) {
    return this.auth.listLiveSessions(actor.userId);
  }

  /**
   * Changing the password signs out every other session. A wrong current password counts as a failed sign-in
   * of the account (committed, like a failed login), so a stolen token cannot be used to guess the password
   * without limit; once limited, this answers 429 like the login does.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, ip: string) {
    const passwordHash = await hashPassword(newPassword);
    const refused = await this.transactions.run(async (tx): Promise<DomainError | null> => {
      const limited = await this.lockAndCheckAttempts(tx, actor.email, ip);
      if (limited) return limited;
      const user = await this.users.lockById(tx, actor.userId);
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        await this.auth.recordAttempt(tx, actor.email, ip, false);
        return wrongCurrentPassword();
      }
      user.passwordHash = passwordHash;
      await this.users.save(tx, user);
      const revoked = await this.auth.revokeUserSessions(tx, actor.userId, actor.sessionId);
      await this.audit.record(tx, actor, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: actor.userId,
        after: { otherSessionsRevoked: revoked },
      });
      return null;
    });
    if (refused) throw refused;
  }

  /** Serialises attempts for the e-mail and address, then answers the 429 to give if either is over its limit. */
  private async lockAndCheckAttempts(tx: Tx, email: string, ip: string): Promise<DomainError | null> {
    await this.auth.lockLoginFor(tx, email, ip);
    const byEmail = await this.auth.failuresByEmail(tx, email, this.config.loginWindowMinutes);
    if (byEmail.failures >= this.config.loginMaxFailuresPerEmail) return tooManyAttempts('email', byEmail.retryAfterSeconds);
    const byIp = await this.auth.failuresByIp(tx, ip, this.config.loginWindowMinutes);
    if (byIp.failures >= this.config.loginMaxFailuresPerIp) return tooManyAttempts('ip', byIp.retryAfterSeconds);
    return null;
  }
}
