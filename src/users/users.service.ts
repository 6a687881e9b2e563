import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { AuthRepository } from '../auth/auth.repository';
import { generatePassword, hashPassword } from '../auth/password';
import type { Actor } from '../common/access/access.decorators';
import { APP_CONFIG, type AppConfig } from '../common/config/config';
import { TransactionRunner } from '../common/database/transaction';
import { notFound } from '../common/errors/domain-error';
import { CreateUserDto, RegisterApplicantDto, UpdateUserDto, UserQueryDto } from './dto/user.dto';
import { UserEntity } from './user.entity';
import { cannotDeactivateSelf, clusterOnlyForApplicants, emailTaken } from './users.errors';
import { UsersRepository } from './users.repository';
import { pageWindow } from '../common/http/pagination.dto';

/** What the audit log keeps of a user: never the password hash. */
const auditView = (user: UserEntity) => ({
  email: user.email,
  fullName: user.fullName,
  role: user.role,
  clusterId: user.clusterId,
  organisationInn: user.organisationInn,
  isActive: user.isActive,
});

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersRepository,
    private readonly sessions: AuthRepository,
    private readonly audit: AuditService,
    private readonly transactions: TransactionRunner,
  ) {}

  async create(actor: Actor | null, input: CreateUserDto & { isDemo?: boolean }): Promise<UserEntity> {
    if (input.clusterId && input.role !== 'applicant') throw clusterOnlyForApplicants();
    const passwordHash = await hashPassword(input.password);
    return this.transactions.run(async (tx) => {
      const user = await this.users.insert(tx, {
        email: input.email,
        fullName: input.fullName,
        role: input.role,
        clusterId: input.clusterId ?? null,
        organisationInn: input.organisationInn ?? null,
        passwordHash,
        isDemo: input.isDemo ?? false,
      });
      if (!user) throw emailTaken(input.email);
      await this.audit.record(tx, actor, { action: 'user.created', entityType: 'user', entityId: user.id, after: auditView(user) });
      return user;
    });
  }

  registerApplicant(input: RegisterApplicantDto) {
    return this.create(null, { ...input, role: 'applicant' });
  }

  async get(id: string) {
    const user = await this.users.findById(id);
    if (!user) throw notFound('User', id);
    return user;
  }

  list(query: UserQueryDto) {
    return this.users.list({ role: query.role, clusterId: query.clusterId, ...pageWindow(query) });
  }

  async update(actor: Actor, id: string, changes: UpdateUserDto): Promise<UserEntity> {
    return this.transactions.run(async (tx) => {
      const user = await this.users.lockById(tx, id);
      if (!user) throw notFound('User', id);
      if (changes.clusterId != null && user.role !== 'applicant') throw clusterOnlyForApplicants();
      if (changes.isActive === false && id === actor.userId) throw cannotDeactivateSelf();
      const before = auditView(user);
      Object.assign(user, changes);
      const saved = await this.users.save(tx, user);
      if (changes.isActive === false) await this.sessions.revokeUserSessions(tx, id);
      await this.audit.record(tx, actor, { action: 'user.updated', entityType: 'user', entityId: id, before, after: auditView(saved) });
      return saved;
    });
  }

  /**
   * The first ministry account: from KONKURS_ADMIN_EMAIL/KONKURS_ADMIN_PASSWORD, or generated and printed once.
   * Runs under the bootstrap lock, so two instances starting together create it once.
   */
  async ensureFirstMinistryAccount(): Promise<{ email: string; password: string | null } | null> {
    if ((await this.users.countByRole('ministry')) > 0) return null;
    const email = this.config.adminEmail ?? 'admin@konkurs.local';
    const password = this.config.adminPassword ?? generatePassword();
    await this.create(null, { email, password, role: 'ministry', fullName: 'Ministry administrator' });
    this.logger.log(`Created the first ministry account ${email}`);
    return { email, password: this.config.adminPassword ? null : password };
  }
}
