// Which database a URL names; the one place that decides between the two providers.
export type DbProvider = 'sqlite' | 'postgresql';

export const DEFAULT_DATABASE_URL = 'file:./data/liaison.db';

export function providerOf(url: string): DbProvider {
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)`);
}

/** Path of a SQLite `file:` URL, relative paths resolved against the working directory. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, '').replace(/\?.*$/, '');
}
