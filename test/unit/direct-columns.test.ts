import { describe, expect, it } from 'vitest';
import { Prisma } from '../../src/db/client.js';
import {
  ACTIVITY_COLUMNS,
  COORDINATOR_COLUMNS,
  COUNTRY_COLUMNS,
  FUNDING_COLUMNS,
} from '../../src/db/repos/activity-insert.js';
import { NOTIFICATION_COLUMNS } from '../../src/db/repos/notifications.js';
import { HOLIDAY_COLUMNS } from '../../src/db/repos/calendar.js';

// The direct statements that return whole rows (the registration's insert, the outbox's claim) list
// each table's columns to return them as Prisma would (src/db/columns.ts): a column added to the
// model must be added there too.
describe('the direct statements know every column of the tables whose rows they return', () => {
  it.each([
    ['Activity', ACTIVITY_COLUMNS, Prisma.ActivityScalarFieldEnum],
    ['ActivityCoordinator', COORDINATOR_COLUMNS, Prisma.ActivityCoordinatorScalarFieldEnum],
    ['ActivityCountry', COUNTRY_COLUMNS, Prisma.ActivityCountryScalarFieldEnum],
    ['ActivityFunding', FUNDING_COLUMNS, Prisma.ActivityFundingScalarFieldEnum],
    ['Notification', NOTIFICATION_COLUMNS, Prisma.NotificationScalarFieldEnum],
    ['Holiday', HOLIDAY_COLUMNS, Prisma.HolidayScalarFieldEnum],
  ])('%s', (_table, columns, model) => {
    expect(Object.keys(columns).sort()).toEqual(Object.keys(model).sort());
  });
});
