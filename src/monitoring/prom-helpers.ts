/**
 * prom-client metrics read from a part's own live figures at each scrape, so every number has
 * one source and /metrics and /monitoring/stats agree.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

/** A gauge set from `read()` at each scrape. */
export function liveGauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/** A counter that follows a running total the part keeps (`read()` never decreases). */
export function totalCounter(registry: Registry, name: string, help: string, read: () => number): void {
  let reported = 0;
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const total = read();
      this.inc(total - reported);
      reported = total;
    },
  });
}

/**
 * A counter with one series per label value, each following a running total the part keeps
 * (`read()` gives every total; none ever decreases). The label's values are the fixed keys of
 * what `read()` returns.
 */
export function labelledTotalCounter<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  label: L,
  read: () => Record<string, number>,
): void {
  const reported = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      for (const [value, total] of Object.entries(read())) {
        this.inc({ [label]: value } as Partial<Record<L, string>>, total - (reported.get(value) ?? 0));
        reported.set(value, total);
      }
    },
  });
}
