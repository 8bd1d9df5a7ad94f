// A small Prometheus text-format registry: counters, a histogram and gauges read at scrape time.

type Labels = Record<string, string>;
const key = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());
const fmtLabels = (labels: Labels) => {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}` : '';
};

export function createMetrics() {
  const counters = new Map<string, { help: string; values: Map<string, { labels: Labels; value: number }> }>();
  const histograms = new Map<
    string,
    { help: string; buckets: number[]; counts: number[]; sum: number; count: number }
  >();
  const gauges = new Map<string, { help: string; read: () => Promise<number> | number }>();

  return {
    counter(name: string, help: string) {
      if (!counters.has(name)) counters.set(name, { help, values: new Map() });
      const c = counters.get(name)!;
      return {
        inc(labels: Labels = {}, by = 1) {
          const k = key(labels);
          const entry = c.values.get(k) ?? { labels, value: 0 };
          entry.value += by;
          c.values.set(k, entry);
        },
      };
    },
    histogram(name: string, help: string, buckets: number[]) {
      if (!histograms.has(name))
        histograms.set(name, { help, buckets, counts: buckets.map(() => 0), sum: 0, count: 0 });
      const h = histograms.get(name)!;
      return {
        observe(value: number) {
          h.buckets.forEach((b, i) => {
            if (value <= b) h.counts[i]!++;
          });
          h.sum += value;
          h.count++;
        },
      };
    },
    gauge(name: string, help: string, read: () => Promise<number> | number) {
      gauges.set(name, { help, read });
    },
    async render(): Promise<string> {
      const out: string[] = [];
      for (const [name, c] of counters) {
        out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
        if (c.values.size === 0) out.push(`${name} 0`);
        for (const { labels, value } of c.values.values()) out.push(`${name}${fmtLabels(labels)} ${value}`);
      }
      for (const [name, h] of histograms) {
        out.push(`# HELP ${name} ${h.help}`, `# TYPE ${name} histogram`);
        h.buckets.forEach((b, i) => out.push(`${name}_bucket{le="${b}"} ${h.counts[i]}`));
        out.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sum}`, `${name}_count ${h.count}`);
      }
      for (const [name, g] of gauges) {
        let value = NaN;
        try {
          value = await g.read();
        } catch {
          // Unreadable (database down): reported as NaN, the health check says why.
        }
        out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${value}`);
      }
      return `${out.join('\n')}\n`;
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
