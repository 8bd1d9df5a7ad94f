import type { Db } from '../client.js';
import type { AgencyKind } from '../../domain/enums.js';

export interface AgencyInput {
  code: string;
  nameVi: string;
  nameEn?: string | null;
  kind?: AgencyKind;
  active?: boolean;
}

export function createAgenciesRepo(db: Db) {
  return {
    create(input: AgencyInput) {
      return db.agency.create({ data: { ...input, code: input.code.toUpperCase() } });
    },
    findByCode(code: string) {
      return db.agency.findUnique({ where: { code: code.toUpperCase() } });
    },
    findById(id: number) {
      return db.agency.findUnique({ where: { id } });
    },
    findManyByIds(ids: number[]) {
      return db.agency.findMany({ where: { id: { in: ids } }, orderBy: { code: 'asc' } });
    },
    list(opts: { activeOnly?: boolean; skip?: number; take?: number } = {}) {
      return db.agency.findMany({
        where: opts.activeOnly ? { active: true } : undefined,
        orderBy: { code: 'asc' },
        skip: opts.skip,
        take: opts.take,
      });
    },
    count(opts: { activeOnly?: boolean } = {}) {
      return db.agency.count({ where: opts.activeOnly ? { active: true } : undefined });
    },
    rename(id: number, nameVi: string, nameEn?: string | null) {
      return db.agency.update({ where: { id }, data: { nameVi, ...(nameEn !== undefined ? { nameEn } : {}) } });
    },
    setActive(id: number, active: boolean) {
      return db.agency.update({ where: { id }, data: { active } });
    },
    /** All rows or none: an import that fails half-way leaves the list as it was. */
    upsertMany(rows: AgencyInput[]) {
      return db.$transaction(
        rows.map((r) => {
          const code = r.code.toUpperCase();
          const data = { nameVi: r.nameVi, nameEn: r.nameEn ?? null, kind: r.kind ?? 'DEPARTMENT', active: r.active ?? true };
          return db.agency.upsert({ where: { code }, create: { code, ...data }, update: data });
        }),
      );
    },
  };
}
export type AgenciesRepo = ReturnType<typeof createAgenciesRepo>;
