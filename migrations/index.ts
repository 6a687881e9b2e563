import { Foundation1763900000000 } from './1763900000000-Foundation';
import { Submissions1764000000000 } from './1764000000000-Submissions';
import { RecordSubmission1764100000000 } from './1764100000000-RecordSubmission';

/** Every migration in order; listed explicitly so the compiled app and the tests run the same set. */
export const MIGRATIONS = [Foundation1763900000000, Submissions1764000000000, RecordSubmission1764100000000];
