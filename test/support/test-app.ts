import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import type { Role } from '../../src/common/access/access.decorators';
import { AppConfig, loadConfig } from '../../src/common/config/config';
import { configureApp } from '../../src/common/http/configure-app';
import { UsersService } from '../../src/users/users.service';
import { TEMPLATE_DATABASE, withDatabase } from './database-urls';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  clusterId: string | null;
  token: string;
  auth: { Authorization: string };
}

export interface TestApp {
  app: INestApplication;
  http: () => ReturnType<typeof request>;
  /** Direct SQL on this file's own database, for asserting what was (not) written. */
  db: Pool;
  databaseUrl: string;
  /** Creates a user of the role (directly, not over HTTP) and signs it in over HTTP. */
  user(role: Role, options?: { clusterId?: string | null; organisationInn?: string }): Promise<TestUser>;
  login(email: string, password?: string): Promise<string>;
  /** Row counts of the main tables, to prove a rejected request wrote nothing. */
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

/** A fresh database cloned from the migrated template, and the real app on it. */
export async function createTestDatabase(): Promise<string> {
  const serverUrl = process.env.KONKURS_TEST_SERVER_URL;
  if (!serverUrl) throw new Error('KONKURS_TEST_SERVER_URL is not set: run the tests through jest (global setup)');
  const name = `konkurs_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
        break;
      } catch (error) {
        // Two files cloning the template at the same instant can collide; a short wait is enough.
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, name);
}

export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  // Uploads of each test file go to its own temporary folder, never into the project's data/.
  const storageDir = mkdtempSync(join(tmpdir(), 'konkurs-test-storage-'));
  const config: AppConfig = { ...loadConfig({}), loadDemoData: false, storageDir, ...overrides };
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config, databaseUrl)] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app);
  await app.init();
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  const http = () => request(app.getHttpServer());
  let sequence = 0;

  const login = async (email: string, password = TEST_PASSWORD) => {
    const response = await http().post('/api/v1/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.token as string;
  };

  return {
    app,
    http,
    db,
    databaseUrl,
    login,
    async user(role, options = {}) {
      const email = `${role}${++sequence}-${randomBytes(3).toString('hex')}@test.konkurs`;
      const created = await app.get(UsersService).create(null, {
        email,
        password: TEST_PASSWORD,
        role,
        fullName: `Test ${role} ${sequence}`,
        clusterId: options.clusterId ?? undefined,
        organisationInn: options.organisationInn,
      });
      const token = await login(email);
      return { id: created.id, email, role, clusterId: created.clusterId, token, auth: { Authorization: `Bearer ${token}` } };
    },
    async counts() {
      const { rows } = await db.query(`
        SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM clusters)::int AS clusters,
               (SELECT count(*) FROM programmes)::int AS programmes, (SELECT count(*) FROM criteria)::int AS criteria,
               (SELECT count(*) FROM eligibility_items)::int AS eligibility_items,
               (SELECT count(*) FROM programme_rule_versions)::int AS rule_versions,
               (SELECT count(*) FROM audit_log)::int AS audit_log`);
      return rows[0];
    },
    async close() {
      await app.close();
      await db.end();
      rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
