import type { Db } from '../client.js';
import { cacheOf, writing } from '../cache.js';
import { directOf } from '../direct-sql.js';
import { columnList, rowOf, type Columns } from '../columns.js';
import type { Holiday } from '../../generated/sqlite/client.js';
import type { AnniversaryKind } from '../../domain/enums.js';

export interface HolidayRow {
  year: number;
  month: number;
  day: number;
  name: string;
}
export interface AnniversaryRow {
  key: string;
  kind: AnniversaryKind;
  countryCode: string;
  nameVi: string;
  nameEn?: string | null;
  day: number;
  month: number;
  baseYear: number;
  active?: boolean;
}

/** Every column of a holiday, as the driver's rows are read back (src/db/columns.ts). */
export const HOLIDAY_COLUMNS = {
  id: 'int',
  year: 'int',
  month: 'int',
  day: 'int',
  name: 'text',
  createdAt: 'date',
  updatedAt: 'date',
} satisfies Columns;
const HOLIDAYS = `SELECT ${columnList(HOLIDAY_COLUMNS)} FROM "Holiday" ORDER BY "year", "month", "day"`;

/** Public holidays and the anniversary calendar: data admins edit, seeded with defaults. */
export function createCalendarRepo(db: Db) {
  const cache = cacheOf(db);
  const direct = directOf(db);
  return {
    /**
     * Cached until a holiday is written (src/db/cache.ts). Read on the driver: the dispatcher's and
     * the planner's first pass after start-up need not wait for Prisma's query compiler (≈ 0.2 s).
     */
    async listHolidays(): Promise<Holiday[]> {
      // A copy of the cached list: a caller may sort or filter it in place.
      return [
        ...(await cache.get('holidays', 'all', async () =>
          (await direct.all(HOLIDAYS, [])).map((r) => rowOf<Holiday>(HOLIDAY_COLUMNS, r)),
        )),
      ];
    },
    /** Adds the rows that are missing; never overwrites an admin's edits. Returns how many were added. */
    async addMissingHolidays(rows: HolidayRow[]): Promise<number> {
      const existing = new Set((await db.holiday.findMany()).map((h) => `${h.year}-${h.month}-${h.day}`));
      const fresh = rows.filter((r) => !existing.has(`${r.year}-${r.month}-${r.day}`));
      if (fresh.length) await writing(cache, 'holidays', db.holiday.createMany({ data: fresh }));
      return fresh.length;
    },
    /** Throws P2002 when that date is already a holiday (for that year, or every year). */
    addHoliday(row: HolidayRow) {
      return writing(cache, 'holidays', db.holiday.create({ data: row }));
    },
    /** False when it was already gone (a second press of the same button). */
    async removeHoliday(id: number): Promise<boolean> {
      const res = await writing(cache, 'holidays', db.holiday.deleteMany({ where: { id } }));
      return res.count === 1;
    },
    listAnniversaries(opts: { activeOnly?: boolean } = {}) {
      return db.anniversary.findMany({
        where: opts.activeOnly ? { active: true } : undefined,
        orderBy: [{ month: 'asc' }, { day: 'asc' }],
      });
    },
    async addMissingAnniversaries(rows: AnniversaryRow[]): Promise<number> {
      const existing = new Set((await db.anniversary.findMany({ select: { key: true } })).map((a) => a.key));
      const fresh = rows.filter((r) => !existing.has(r.key));
      if (fresh.length) await db.anniversary.createMany({ data: fresh });
      return fresh.length;
    },
    findAnniversary(id: number) {
      return db.anniversary.findUnique({ where: { id } });
    },
    updateAnniversary(id: number, data: Partial<AnniversaryRow>) {
      return db.anniversary.update({ where: { id }, data });
    },
  };
}
export type CalendarRepo = ReturnType<typeof createCalendarRepo>;
