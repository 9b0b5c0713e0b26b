/**
 * prom-client metrics read from a part's own live figures at each scrape, so every number has
 * one source and /metrics and /monitoring/stats agree.
 */
import { Counter, Gauge, type Registry } from 'prom-client';

/** A gauge set from `read()` at each scrape. */
export function liveGauge(registry: Registry, name: string, help: string, read: () => number): void {
  new Gauge({
    name, help, registers: [registry],
    collect() {
      this.set(read());
    },
  });
}

/** A counter that follows a running total the part keeps (`read()` never decreases). */
export function totalCounter(registry: Registry, name: string, help: string, read: () => number): void {
  let reported = 0;
  new Counter({
    name, help, registers: [registry],
    collect() {
      const total = read();
      this.inc(total - reported);
      reported = total;
    },
  });
}
