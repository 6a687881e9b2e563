import { Injectable } from '@nestjs/common';
import { toRules } from './programme.mapper';
import type { ProgrammeRules } from './programme.rules';
import { ProgrammesRepository } from './programmes.repository';

const MAX_ENTRIES = 256;

/**
 * The rules of opened programmes by (programme, rule version). Once a programme opens its rules change only as a
 * new numbered version, so an entry can never go stale under its key; the hot paths (submit, check) skip three
 * queries. Callers pass the version they read together with the data the rules judge, and the write re-checks it.
 */
@Injectable()
export class FrozenRulesCache {
  private readonly entries = new Map<string, ProgrammeRules>();

  constructor(private readonly programmes: ProgrammesRepository) {}

  async get(programmeId: string, rulesVersion: number): Promise<ProgrammeRules | null> {
    const key = `${programmeId}:${rulesVersion}`;
    const cached = this.entries.get(key);
    if (cached) return cached;
    const loaded = await this.programmes.findWithRules(programmeId);
    if (!loaded) return null;
    const rules = toRules(loaded);
    // A draft (version 0) is still editable, and a version read after a concurrent amendment is not the one asked for.
    if (rulesVersion > 0 && loaded.programme.rulesVersion === rulesVersion) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, rules);
    }
    return rules;
  }
}
