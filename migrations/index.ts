import { Foundation1763900000000 } from './1763900000000-Foundation';

/** Every migration in order; listed explicitly so the compiled app and the tests run the same set. */
export const MIGRATIONS = [Foundation1763900000000];
