import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './common/config/config';
import { type EmbeddedDatabase, EmbeddedDatabaseError, startEmbeddedPostgres } from './common/database/embedded-postgres';
import { runMigrations } from './common/database/migrate';
import { configureApp } from './common/http/configure-app';
import { DemoService } from './demo/demo.service';

const logger = new Logger('konkurs');
let embedded: EmbeddedDatabase | null = null;
let app: NestExpressApplication | null = null;
let stopping = false;

/** Stops in order: stop taking requests, close the pool, then stop the embedded PostgreSQL. */
async function shutdown(reason: string, exitCode: number) {
  if (stopping) return;
  stopping = true;
  logger.log(`${reason}: stopping`);
  try {
    await app?.close();
  } finally {
    await embedded?.stop();
    logger.log('Stopped');
    process.exit(exitCode);
  }
}

async function bootstrap() {
  process.on('SIGINT', () => void shutdown('SIGINT received', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM received', 0));
  const config = loadConfig();
  if (!config.databaseUrl) embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  logger.log(embedded ? `Embedded PostgreSQL on port ${embedded.port}, data in ${config.dataDir}` : 'Using the PostgreSQL at DATABASE_URL');
  await runMigrations(databaseUrl);

  app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), { logger: levelsFrom(config.logLevel) });
  configureApp(app);
  app.set('trust proxy', config.trustProxy);
  // Start-up hooks first (the job queue starts there): the demo issues decisions through it.
  await app.init();
  const welcome = await app.get(DemoService).prepare();
  await app.listen(config.port, config.host);

  const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  logger.log(`konkurs is up: ${url}  (API ${url}/api/v1, docs ${url}/api/docs)`);
  for (const line of welcome) logger.log(line);
}

function levelsFrom(level: string) {
  const order = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level as (typeof order)[number]) + 1) as ('error' | 'warn' | 'log' | 'debug' | 'verbose')[];
}

bootstrap().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof EmbeddedDatabaseError;
  logger.error(known ? (error as Error).message : error instanceof Error ? error.stack : String(error));
  void shutdown('Start-up failed', 1);
});
