import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../common/access/access.decorators';
import { UserEntity } from '../users/user.entity';
import { SessionEntity } from './session.entity';

export interface FailureWindow {
  failures: number;
  /** Seconds until the oldest counted failure leaves the window. */
  retryAfterSeconds: number;
}

/** Namespaces (first key) of the two-key advisory locks taken around sign-in attempts. */
const EMAIL_LOCK_NAMESPACE = 0x4c4f47; // 'LOG'
const IP_LOCK_NAMESPACE = 0x4c4f49; // 'LOI'

export interface LiveSession {
  sessionId: string;
  userId: string;
  email: string;
  role: Role;
  clusterId: string | null;
}

@Injectable()
export class AuthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Serialises login attempts for one e-mail and for one client address, so neither failure count can be
   * outrun by parallel guesses. Always the e-mail lock first, then the address lock: a transaction holding an
   * address lock never waits for another lock, so the two cannot deadlock. The two-key form keeps these
   * locks in their own namespaces, apart from each other and from the single-key locks used elsewhere.
   */
  async lockLoginFor(tx: EntityManager, email: string, ip: string) {
    await tx.query(`SELECT pg_advisory_xact_lock(${EMAIL_LOCK_NAMESPACE}, hashtext($1))`, [email]);
    await tx.query(`SELECT pg_advisory_xact_lock(${IP_LOCK_NAMESPACE}, hashtext($1))`, [ip]);
  }

  /** Failures for the e-mail since the window start or its last successful sign-in, whichever is later. */
  async failuresByEmail(tx: EntityManager, email: string, windowMinutes: number): Promise<FailureWindow> {
    return this.failures(tx, 'email', email, windowMinutes, true);
  }

  /**
   * Failures from the address within the window. A success does not reset this count: otherwise one attacker
   * signing in to an account of their own between guesses would spray passwords over other accounts unlimited.
   */
  async failuresByIp(tx: EntityManager, ip: string, windowMinutes: number): Promise<FailureWindow> {
    return this.failures(tx, 'ip', ip, windowMinutes, false);
  }

  private async failures(
    tx: EntityManager,
    column: 'email' | 'ip',
    value: string,
    windowMinutes: number,
    resetBySuccess: boolean,
  ): Promise<FailureWindow> {
    const [row] = await tx.query(
      `WITH since AS (
         SELECT greatest(now() - make_interval(mins => $2),
                         CASE WHEN $3 THEN coalesce((SELECT max(at) FROM login_attempts WHERE ${column} = $1 AND succeeded), '-infinity')
                              ELSE '-infinity' END) AS t)
       SELECT count(*)::int AS failures,
              coalesce(ceil(extract(epoch FROM min(at) + make_interval(mins => $2) - now())), 0)::int AS retry_after
       FROM login_attempts, since
       WHERE ${column} = $1 AND NOT succeeded AND at > since.t`,
      [value, windowMinutes, resetBySuccess],
    );
    return { failures: row.failures, retryAfterSeconds: Math.max(1, row.retry_after) };
  }

  async recordAttempt(tx: EntityManager, email: string, ip: string, succeeded: boolean) {
    await tx.query(`INSERT INTO login_attempts (email, ip, succeeded) VALUES ($1, $2, $3)`, [email, ip, succeeded]);
  }

  async createSession(tx: EntityManager, session: Pick<SessionEntity, 'userId' | 'tokenHash' | 'ip' | 'userAgent'>, ttlHours: number) {
    const [row] = await tx.query(
      `INSERT INTO sessions (user_id, token_hash, ip, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5))
       RETURNING id, expires_at`,
      [session.userId, session.tokenHash, session.ip, session.userAgent, ttlHours],
    );
    return { id: row.id as string, expiresAt: row.expires_at as Date };
  }

  /**
   * The live session and its active user for a token hash; expiry is judged by the database clock. Runs on every
   * authenticated request, so it reads only the columns an actor needs, in one indexed statement.
   */
  async findLiveSession(tokenHash: string): Promise<LiveSession | null> {
    const [row] = await this.dataSource.query(
      `SELECT s.id AS session_id, u.id AS user_id, u.email, u.role, u.cluster_id
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.is_active`,
      [tokenHash],
    );
    return row ? { sessionId: row.session_id, userId: row.user_id, email: row.email, role: row.role, clusterId: row.cluster_id } : null;
  }

  async revokeSession(tx: EntityManager, sessionId: string): Promise<number> {
    const result = await tx.query(`UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
    return result[1] as number;
  }

  /** Revokes every live session of a user (optionally keeping one); returns how many were revoked. */
  async revokeUserSessions(tx: EntityManager, userId: string, exceptSessionId: string | null = null): Promise<number> {
    const result = await tx.query(
      `UPDATE sessions SET revoked_at = now()
       WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [userId, exceptSessionId],
    );
    return result[1] as number;
  }

  listLiveSessions(userId: string) {
    return this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .where('s.user_id = :userId', { userId })
      .andWhere('s.revoked_at IS NULL')
      .andWhere('s.expires_at > now()')
      .orderBy('s.created_at', 'DESC')
      .getMany();
  }
}
