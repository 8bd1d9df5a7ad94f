import { isUniqueViolation, type Db } from '../client.js';

/** Claims of scheduled work ("digest:-100123:2025-04-15") so that one instance does each once. */
export function createJobRunsRepo(db: Db) {
  return {
    async claim(key: string, owner: string, now: Date): Promise<boolean> {
      try {
        await db.jobRun.create({ data: { key, owner, startedAt: now } });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    finish(key: string, now: Date) {
      return db.jobRun.updateMany({ where: { key }, data: { finishedAt: now } });
    },
    release(key: string) {
      return db.jobRun.deleteMany({ where: { key, finishedAt: null } });
    },
  };
}
export type JobRunsRepo = ReturnType<typeof createJobRunsRepo>;
