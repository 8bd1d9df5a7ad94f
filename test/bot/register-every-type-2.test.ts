import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityType } from '../../src/domain/enums.js';
import { startHarness, type Harness } from '../support/harness.js';
import { focalPoint } from './register-helpers.js';
import { exerciseType } from './register-every-type.js';

const TYPES: ActivityType[] = ['AGREEMENT', 'EXCHANGE', 'MEDIA', 'AWARD', 'OTHER'];

describe('registration of every type (2/2): bad answers at every step, back, skip, edit from the review, cancel taken back, submit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.app.repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Phát triển nông thôn' });
    await h.app.repos.agencies.create({ code: 'SYT', nameVi: 'Sở Y tế' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it.each(TYPES)('%s', async (type) => {
    const f = await focalPoint(h, 6_700_000_000 + 200 + TYPES.indexOf(type), { code: 'SCT' });
    const { a, asked } = await exerciseType(h, f, type);
    expect(asked.length).toBeGreaterThan(5);
    expect(a.source).toBe('FORM');
  });
});
