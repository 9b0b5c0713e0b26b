/**
 * Counts of events per fixed time bin: `times` (ms, any origin) counted into bins of `binMs`
 * starting at `startMs`, as many bins as it takes to cover `endMs`. Events outside
 * [startMs, endMs) are left out. With the default 1,000 ms bins each count is a rate per second.
 *
 * @example
 * countPerBin([0, 10, 1500], 0, 2000); // [2, 1]
 */
export function countPerBin(times: readonly number[], startMs: number, endMs: number, binMs = 1000): number[] {
  if (!(binMs > 0)) throw new RangeError(`countPerBin: binMs must be > 0, got ${binMs}`);
  const bins = new Array<number>(Math.max(0, Math.ceil((endMs - startMs) / binMs))).fill(0);
  for (const time of times) {
    if (time < startMs || time >= endMs) continue;
    const index = Math.floor((time - startMs) / binMs);
    bins[index] = (bins[index] ?? 0) + 1;
  }
  return bins;
}
