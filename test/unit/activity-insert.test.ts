import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/db/client.js';
import {
  ACTIVITY_COLUMNS,
  COORDINATOR_COLUMNS,
  COUNTRY_COLUMNS,
  FUNDING_COLUMNS,
} from '../../src/db/repos/activity-insert.js';

// The registration's direct insert (src/db/repos/activity-insert.ts) lists each table's columns to
// return them as Prisma would: a column added to the model must be added there too.
describe('the direct insert knows every column of the tables it writes', () => {
  it.each([
    ['Activity', ACTIVITY_COLUMNS, Prisma.ActivityScalarFieldEnum],
    ['ActivityCoordinator', COORDINATOR_COLUMNS, Prisma.ActivityCoordinatorScalarFieldEnum],
    ['ActivityCountry', COUNTRY_COLUMNS, Prisma.ActivityCountryScalarFieldEnum],
    ['ActivityFunding', FUNDING_COLUMNS, Prisma.ActivityFundingScalarFieldEnum],
  ])('%s', (_table, columns, model) => {
    expect(Object.keys(columns).sort()).toEqual(Object.keys(model).sort());
  });
});
