import type { Db } from '../client.js';
import { cacheOf, writing } from '../cache.js';
import type { AgencyKind } from '../../domain/enums.js';

export interface AgencyInput {
  code: string;
  nameVi: string;
  nameEn?: string | null;
  kind?: AgencyKind;
  active?: boolean;
}

/** Agencies are reference data: every read comes from the whole list, cached until an agency is written (src/db/cache.ts). */
export function createAgenciesRepo(db: Db) {
  const cache = cacheOf(db);
  const all = () => cache.get('agencies', 'all', () => db.agency.findMany({ orderBy: { code: 'asc' } }));
  const changed = <T>(write: Promise<T>) => writing(cache, 'agencies', write);
  return {
    create(input: AgencyInput) {
      return changed(db.agency.create({ data: { ...input, code: input.code.toUpperCase() } }));
    },
    async findByCode(code: string) {
      return (await all()).find((a) => a.code === code.toUpperCase()) ?? null;
    },
    async findById(id: number) {
      return (await all()).find((a) => a.id === id) ?? null;
    },
    /**
     * The agencies of `ids` by id, for attaching to rows read or written without them (a user, a new
     * activity): from the cached list, and from the database for any the list does not have yet.
     */
    async byIds(ids: Iterable<number | null>) {
      const want = new Set([...ids].filter((id): id is number => id !== null));
      const found = new Map((await all()).filter((a) => want.has(a.id)).map((a) => [a.id, a]));
      const missing = [...want].filter((id) => !found.has(id));
      if (missing.length)
        for (const a of await db.agency.findMany({ where: { id: { in: missing } } })) found.set(a.id, a);
      return found;
    },
    /**
     * What a form's rendering needs of every agency: its name by id (English where there is one,
     * for 'en') and the active ones. Derived once per cached list (each form step renders).
     */
    directory(locale: string) {
      const english = locale === 'en';
      return cache.get('agencies', english ? 'directory:en' : 'directory', async () => {
        const rows = await all();
        return {
          names: new Map(rows.map((a) => [a.id, english && a.nameEn ? a.nameEn : a.nameVi])),
          active: rows.filter((a) => a.active),
        };
      });
    },
    async list(opts: { activeOnly?: boolean; skip?: number; take?: number } = {}) {
      const rows = (await all()).filter((a) => !opts.activeOnly || a.active);
      const from = opts.skip ?? 0;
      return rows.slice(from, opts.take !== undefined ? from + opts.take : undefined);
    },
    async count(opts: { activeOnly?: boolean } = {}) {
      return (await all()).filter((a) => !opts.activeOnly || a.active).length;
    },
    rename(id: number, nameVi: string, nameEn?: string | null) {
      return changed(
        db.agency.update({ where: { id }, data: { nameVi, ...(nameEn !== undefined ? { nameEn } : {}) } }),
      );
    },
    setActive(id: number, active: boolean) {
      return changed(db.agency.update({ where: { id }, data: { active } }));
    },
    /** All rows or none: an import that fails half-way leaves the list as it was. */
    upsertMany(rows: AgencyInput[]) {
      return changed(
        db.$transaction(
          rows.map((r) => {
            const code = r.code.toUpperCase();
            const data = {
              nameVi: r.nameVi,
              nameEn: r.nameEn ?? null,
              kind: r.kind ?? 'DEPARTMENT',
              active: r.active ?? true,
            };
            return db.agency.upsert({ where: { code }, create: { code, ...data }, update: data });
          }),
        ),
      );
    },
  };
}
export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;
