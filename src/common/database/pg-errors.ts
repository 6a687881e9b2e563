import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
}

const pgError = (error: unknown): PgError | null => (error instanceof QueryFailedError ? (error.driverError as PgError) : null);

export const isUniqueViolation = (error: unknown, constraint?: string) => {
  const pg = pgError(error);
  return pg?.code === '23505' && (!constraint || pg.constraint === constraint);
};

export const isForeignKeyViolation = (error: unknown, constraint?: string) => {
  const pg = pgError(error);
  return pg?.code === '23503' && (!constraint || pg.constraint === constraint);
};

/** A delete refused because rows still refer to the target (FK violation, or restrict_violation for ON DELETE RESTRICT). */
export const isStillReferenced = (error: unknown) => isForeignKeyViolation(error) || pgError(error)?.code === '23001';

/** Serialization failures and deadlocks: the transaction may simply be run again. */
export const isRetryableConflict = (error: unknown) => {
  const code = pgError(error)?.code;
  return code === '40001' || code === '40P01';
};
