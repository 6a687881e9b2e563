/** "1 bid", "3 bids": reasons are read by commission secretaries, so the grammar should hold. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

const LISTED_IDS = 12;

/** Long groups are cut short in messages; the reasons' id arrays stay complete. */
export function listIds(ids: string[]): string {
  if (ids.length <= LISTED_IDS) return ids.join(', ');
  return `${ids.slice(0, LISTED_IDS).join(', ')} and ${ids.length - LISTED_IDS} more`;
}
