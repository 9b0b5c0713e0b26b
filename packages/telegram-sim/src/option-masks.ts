/** A choice of poll options as a bit mask of option ids: compact to keep and compare. */

/** Choices are kept as bit masks; Telegram allows 12 options, far below this. */
export const MAX_OPTIONS = 32;

export function maskOf(ids: readonly number[]): number {
  let mask = 0;
  for (const id of ids) mask = (mask | bit(id)) >>> 0;
  return mask;
}

/** The mask of one option, unsigned (option 31 included). */
export function bit(id: number): number {
  return (1 << id) >>> 0;
}

export function idsOf(mask: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < MAX_OPTIONS; i++) if (((mask >>> i) & 1) === 1) ids.push(i);
  return ids;
}
