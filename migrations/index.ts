import { Foundation1763900000000 } from './1763900000000-Foundation';
import { Submissions1764000000000 } from './1764000000000-Submissions';
import { RecordSubmission1764100000000 } from './1764100000000-RecordSubmission';
import { Commissions1764200000000 } from './1764200000000-Commissions';
import { Allocations1764300000000 } from './1764300000000-Allocations';
import { Decisions1764400000000 } from './1764400000000-Decisions';

/** Every migration in order; listed explicitly so the compiled app and the tests run the same set. */
export const MIGRATIONS = [
  Foundation1763900000000,
  Submissions1764000000000,
  RecordSubmission1764100000000,
  Commissions1764200000000,
  Allocations1764300000000,
  Decisions1764400000000,
];
