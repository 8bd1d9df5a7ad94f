import fs from 'node:fs';
import { extractFromText } from './src/domain/plan-extract/index.js';
import { DEMO_AGENCIES } from './src/demo/seed-data.js';
const agencies = (DEMO_AGENCIES as any[]).map((a, i) => ({ id: i + 1, ...a }));
for (const f of process.argv.slice(2)) {
  const t0 = performance.now();
  const r = extractFromText(fs.readFileSync(f, 'utf8'), { agencies });
  console.log(f, r.activities.length, (performance.now() - t0).toFixed(0), 'ms');
  for (const a of r.activities) console.log(a.item, a.type, JSON.stringify(a.timing && [a.timing.precision, a.timing.start, a.timing.end, a.timing.label]), '| L:', a.lead.map(m => (m.agency ? '✓' : '✗') + m.written).join('; '), '| C:', a.coordinating.map(m => (m.agency ? '✓' : '✗') + m.written).join('; '), '|', a.countries.join(','), '|', a.partner, '|', a.title.slice(0, 70));
}
