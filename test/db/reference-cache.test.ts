import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { createRepos, type Repos } from '../../src/db/repos/index.js';
import { provisionTestDatabase, testProviders } from '../support/db.js';

/** Polls `read` until it returns `want` (or 3 s pass) and returns what it read last. */
async function eventually<T>(read: () => Promise<T>, want: T): Promise<T> {
  const deadline = Date.now() + 3000;
  let got = await read();
  while (got !== want && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    got = await read();
  }
  return got;
}

/**
 * Reference data (agencies, settings, holidays, chat groups, users) is cached and dropped on change
 * (src/db/cache.ts): two instances — each with its own client, as two processes — share one
 * database. A write through one instance's repos reaches the other's cache: on PostgreSQL by
 * NOTIFY, on SQLite (the CLI beside the bot) by the file's data_version. A change made behind the
 * repos' back (raw SQL, which tells nobody) shows the cache really is used.
 */
describe.each(testProviders())('reference data cache on %s', (provider) => {
  let a: DbHandle;
  let b: DbHandle;
  let ra: Repos;
  let rb: Repos;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const db = await provisionTestDatabase(provider);
    cleanup = db.cleanup;
    a = await createDb(db.url);
    b = await createDb(db.url);
    ra = createRepos(a.db, a.provider);
    rb = createRepos(b.db, b.provider);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cleanup?.();
  });

  it('an agency renamed in one instance is read renamed in the other; a raw change is not (cached)', async () => {
    const agency = await ra.agencies.create({ code: 'CACHE1', nameVi: 'Sở Ngoại vụ' });
    const name = async () => (await rb.agencies.findById(agency.id))?.nameVi;
    expect(await eventually(name, 'Sở Ngoại vụ')).toBe('Sở Ngoại vụ');
    // The create's own notice may still be on its way: let it land, then read into the cache.
    await new Promise((r) => setTimeout(r, 300));
    await name();
    await b.db.$executeRawUnsafe(`UPDATE "Agency" SET "nameVi" = 'behind the cache' WHERE "id" = ${agency.id}`);
    expect(await name()).toBe('Sở Ngoại vụ');
    await ra.agencies.rename(agency.id, 'Sở Ngoại vụ tỉnh');
    expect(await eventually(name, 'Sở Ngoại vụ tỉnh')).toBe('Sở Ngoại vụ tỉnh');
    expect((await rb.agencies.list({ activeOnly: true })).map((x) => x.code)).toContain('CACHE1');
    await ra.agencies.setActive(agency.id, false);
    expect(
      await eventually(
        async () => (await rb.agencies.list({ activeOnly: true })).some((x) => x.code === 'CACHE1'),
        false,
      ),
    ).toBe(false);
  });

  it('the forms’ agency directory (names by id, active ones) is derived from the cached list and follows it', async () => {
    const agency = await ra.agencies.create({
      code: 'CACHE2',
      nameVi: 'Sở Tài chính',
      nameEn: 'Department of Finance',
    });
    const vi = async () => (await rb.agencies.directory('vi')).names.get(agency.id);
    expect(await eventually(vi, 'Sở Tài chính')).toBe('Sở Tài chính');
    expect((await rb.agencies.directory('en')).names.get(agency.id)).toBe('Department of Finance');
    // Derived once: the same directory until an agency is written.
    expect(await rb.agencies.directory('vi')).toBe(await rb.agencies.directory('vi'));
    await ra.agencies.rename(agency.id, 'Sở Tài chính tỉnh');
    expect(await eventually(vi, 'Sở Tài chính tỉnh')).toBe('Sở Tài chính tỉnh');
    await ra.agencies.setActive(agency.id, false);
    expect(
      await eventually(async () => (await rb.agencies.directory('vi')).active.some((a) => a.id === agency.id), false),
    ).toBe(false);
  });

  it('a setting, a holiday, a chat group and a user deactivation reach the other instance', async () => {
    await rb.settings.all();
    await ra.settings.set('report.bodyName', 'UBND tỉnh thử');
    expect(
      await eventually(async () => (await rb.settings.get<string>('report.bodyName')) ?? null, 'UBND tỉnh thử'),
    ).toBe('UBND tỉnh thử');

    const before = (await rb.calendar.listHolidays()).length;
    await ra.calendar.addHoliday({ year: 2031, month: 1, day: 2, name: 'Nghỉ bù' });
    expect(await eventually(async () => (await rb.calendar.listHolidays()).length, before + 1)).toBe(before + 1);

    const groups = (await rb.chatGroups.listActive()).length;
    await ra.chatGroups.register(-100_555_000_111n, 'Nhóm điều phối', null);
    expect(await eventually(async () => (await rb.chatGroups.listActive()).length, groups + 1)).toBe(groups + 1);

    const user = await ra.users.upsertWithRole({ telegramId: 555_000_111n, displayName: 'Đầu mối' }, 'FOCAL', null);
    expect(await eventually(async () => (await rb.users.findByTelegramId(555_000_111n))?.active, true)).toBe(true);
    await ra.users.setActive(user.id, false);
    // Access: the other instance refuses the deactivated user once told.
    expect(await eventually(async () => (await rb.users.findByTelegramId(555_000_111n))?.active, false)).toBe(false);
  });
});
