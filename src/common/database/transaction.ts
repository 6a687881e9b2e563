import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export type Tx = EntityManager;
type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** Runs a unit of work in one explicit transaction; repositories take the `tx` they are handed. */
@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Tx) => Promise<T>, isolation: Isolation = 'READ COMMITTED'): Promise<T> {
    // READ COMMITTED is PostgreSQL's default: naming it would cost every transaction one more round trip.
    return isolation === 'READ COMMITTED' ? this.dataSource.transaction(work) : this.dataSource.transaction(isolation, work);
  }

  /** Outside a transaction, for single reads. */
  get manager(): Tx {
    return this.dataSource.manager;
  }
}
