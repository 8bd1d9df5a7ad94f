import pg from 'pg';

// prisma/orm#27403: the JS schema engine reads catalog columns of type `name` (oid 19) and
// `char` (oid 18), which @prisma/adapter-pg cannot map. Reporting them as `text` (oid 25) is
// enough: pg already returns their values as strings. Used by the migration CLI only.
const CATALOG_OIDS = new Set([18, 19]);
const TEXT_OID = 25;

function patchFields<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  for (const f of fields ?? []) if (CATALOG_OIDS.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
  return result;
}

function wrapQuery<Q extends (...args: never[]) => unknown>(query: Q): Q {
  return function (this: unknown, ...args: never[]) {
    const out = query.apply(this, args);
    return out instanceof Promise ? out.then(patchFields) : out;
  } as Q;
}

export function createCatalogSafePool(connectionString: string): pg.Pool {
  // One connection: Prisma's migration advisory lock is per session. allowExitOnIdle: the CLI
  // does not close the adapter, and an idle connection would keep it from exiting.
  const pool = new pg.Pool({ connectionString, max: 1, allowExitOnIdle: true, idleTimeoutMillis: 200 });
  pool.query = wrapQuery<typeof pool.query>(pool.query.bind(pool));
  pool.on('connect', (client) => {
    client.query = wrapQuery<typeof client.query>(client.query.bind(client));
  });
  return pool;
}
