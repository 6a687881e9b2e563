import type { ProgrammeRules } from './programme.rules';
import { windowChangeErrors } from './rule-version.rules';

const NOW = new Date('2026-06-01T12:00:00.000Z');

/** Only the fields windowChangeErrors reads matter here. */
const window = (opensAt: string | null, closesAt: string | null, code = 'CL20-2016') => ({ code, opensAt, closesAt }) as ProgrammeRules;

const problems = (errors: { field: string; rule: string }[]) => errors.map(({ field, rule }) => `${field}:${rule}`);

describe('windowChangeErrors', () => {
  const current = window('2026-05-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z');

  it('lets an open call move its deadline to a later or earlier future instant', () => {
    expect(windowChangeErrors(current, window(current.opensAt, '2026-08-01T00:00:00.000Z'), 'open', NOW)).toEqual([]);
    expect(windowChangeErrors(current, window(current.opensAt, '2026-06-01T12:00:00.001Z'), 'open', NOW)).toEqual([]);
  });

  it('refuses a new deadline that has already passed (now counts as passed)', () => {
    expect(problems(windowChangeErrors(current, window(current.opensAt, NOW.toISOString()), 'open', NOW))).toEqual([
      'changes.closesAt:inFuture',
    ]);
    expect(problems(windowChangeErrors(current, window(current.opensAt, '2026-05-15T00:00:00.000Z'), 'open', NOW))).toEqual([
      'changes.closesAt:inFuture',
    ]);
  });

  it('refuses to move the deadline of an open call once it has passed', () => {
    const lapsed = window('2026-05-01T00:00:00.000Z', '2026-06-01T11:59:59.999Z');
    expect(problems(windowChangeErrors(lapsed, window(lapsed.opensAt, '2026-08-01T00:00:00.000Z'), 'open', NOW))).toEqual([
      'changes.closesAt:deadlinePassed',
    ]);
  });

  it('refuses to move the start once the call has started, but not before', () => {
    expect(problems(windowChangeErrors(current, window('2026-05-02T00:00:00.000Z', current.closesAt), 'open', NOW))).toEqual([
      'changes.opensAt:alreadyOpened',
    ]);
    const announced = window('2026-06-10T00:00:00.000Z', '2026-07-01T00:00:00.000Z');
    expect(windowChangeErrors(announced, window('2026-06-05T00:00:00.000Z', announced.closesAt), 'open', NOW)).toEqual([]);
  });

  it('refuses any window change of a closed call', () => {
    expect(problems(windowChangeErrors(current, window(current.opensAt, '2026-08-01T00:00:00.000Z'), 'closed', NOW))).toEqual([
      'changes.closesAt:callClosed',
    ]);
    expect(problems(windowChangeErrors(current, window('2026-04-01T00:00:00.000Z', current.closesAt), 'closed', NOW))).toEqual([
      'changes.closesAt:callClosed',
    ]);
  });

  it('lets other rules of a closed call change', () => {
    expect(windowChangeErrors(current, window(current.opensAt, current.closesAt), 'closed', NOW)).toEqual([]);
  });

  it('refuses a new code', () => {
    expect(problems(windowChangeErrors(current, window(current.opensAt, current.closesAt, 'OTHER'), 'open', NOW))).toEqual([
      'changes.code:immutable',
    ]);
  });
});
