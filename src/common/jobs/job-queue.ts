import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction';

export interface QueueWorker<T extends object> {
  queue: string;
  /** Jobs fetched per round; the handler gets them together and must treat each idempotently. */
  batchSize: number;
  /** A job not finished within this time (its instance died) goes back to the queue. */
  expireInSeconds: number;
  retryLimit: number;
  handle(jobs: PgBoss.Job<T>[]): Promise<void>;
}

const executorOf = (client: Pool | PoolClient): PgBoss.Db => ({
  executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }),
});

/**
 * Background jobs on a PostgreSQL-backed queue (pg-boss, schema `pgboss` in the app's database), sharing the app's
 * connection pool: any instance takes any job, a job is inserted in the same transaction as the work it stands for,
 * and a job whose instance died is retried once it expires. Workers register before start-up completes.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private readonly workers: QueueWorker<object>[] = [];
  private boss: PgBoss | null = null;

  constructor(private readonly dataSource: DataSource) {}

  register<T extends object>(worker: QueueWorker<T>): void {
    this.workers.push(worker as QueueWorker<object>);
  }

  async onApplicationBootstrap() {
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const boss = new PgBoss({ db: executorOf(pool), schema: 'pgboss', supervise: true, schedule: false, maintenanceIntervalSeconds: 10 });
    boss.on('error', (error) => this.logger.error(`queue: ${error instanceof Error ? error.message : String(error)}`));
    await boss.start();
    for (const worker of this.workers) {
      await boss.createQueue(worker.queue, { name: worker.queue, expireInSeconds: worker.expireInSeconds, retryLimit: worker.retryLimit });
      await boss.work<object>(worker.queue, { batchSize: worker.batchSize, pollingIntervalSeconds: 0.5 }, (jobs) => worker.handle(jobs));
    }
    this.boss = boss;
  }

  async onModuleDestroy() {
    // Jobs in hand go back to the queue for another instance (or this one after a restart).
    await this.boss?.stop({ graceful: true, close: false, timeout: 5000, wait: true });
  }

  /** Inserts jobs inside the caller's transaction: they exist exactly when the work they stand for is committed. */
  async insert<T extends object>(tx: Tx, queue: string, jobs: T[], options: { singletonKey?: (job: T) => string } = {}): Promise<void> {
    if (!this.boss) throw new Error('the job queue has not started');
    const client = (tx.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    const worker = this.workers.find((w) => w.queue === queue);
    if (!worker) throw new Error(`no worker for queue ${queue}`);
    const rows = jobs.map((data) => ({
      name: queue,
      data,
      expireInSeconds: worker.expireInSeconds,
      retryLimit: worker.retryLimit,
      ...(options.singletonKey ? { singletonKey: options.singletonKey(data) } : {}),
    }));
    for (let i = 0; i < rows.length; i += 1000) await this.boss.insert(rows.slice(i, i + 1000), { db: executorOf(client) });
  }
}
