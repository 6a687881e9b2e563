import { Actor } from './access.decorators';
import { notFound } from '../errors/domain-error';

/**
 * The one ownership check: an applicant may touch only its own cluster's objects; staff roles see all.
 * Anything else answers 404 so that the existence of other clusters' objects does not leak.
 */
export function assertClusterVisible(actor: Actor | undefined, clusterId: string | null, entity: string, id: string) {
  if (actor && (actor.role === 'ministry' || actor.role === 'auditor')) return;
  if (actor?.role === 'applicant' && clusterId !== null && actor.clusterId === clusterId) return;
  throw notFound(entity, id);
}

export const isStaff = (actor: Actor | undefined) => actor?.role === 'ministry' || actor?.role === 'auditor';
