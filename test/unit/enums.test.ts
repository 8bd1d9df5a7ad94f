import { describe, expect, it } from 'vitest';
import * as domain from '../../src/domain/enums.js';
import * as sqlite from '../../src/generated/sqlite/enums.js';
import * as postgresql from '../../src/generated/postgresql/enums.js';

// src/domain/enums.ts is written by hand so that no layer depends on one provider's client: it must
// say exactly what prisma/models.prisma says.
describe('provider-neutral enums', () => {
  for (const [provider, generated] of Object.entries({ sqlite, postgresql })) {
    it(`equal the ${provider} client's enums`, () => {
      const ours = Object.fromEntries(Object.entries(domain).filter(([, v]) => !Array.isArray(v)));
      expect(ours).toEqual({ ...generated });
    });
  }
});
