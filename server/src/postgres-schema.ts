import pg from 'pg';

/** Runs one SQL statement (with `$1`… `params`) on a connection of its own to the database at `url`; returns its rows. */
export async function postgresQuery<T = Record<string, unknown>>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/**
 * Creates PostgreSQL schema `schema` in the database at `url` unless it exists; true when it was
 * created now. A newsroom's first run on a database is the run that created its schema: the
 * sample news is seeded then, never because a database turned up empty.
 */
export async function ensurePostgresSchema(url: string, schema: string): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a plain PostgreSQL schema name: "${schema}"`);
  const found = await postgresQuery(url, 'SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
  if (found.length > 0) return false;
  await postgresQuery(url, `CREATE SCHEMA "${schema}"`);
  return true;
}
