import pg from 'pg';

/**
 * Creates PostgreSQL schema `schema` in the database at `url` unless it exists; true when it was
 * created now. A newsroom's first run on a database is the run that created its schema: the
 * sample news is seeded then, never because a database turned up empty.
 */
export async function ensurePostgresSchema(url: string, schema: string): Promise<boolean> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`not a plain PostgreSQL schema name: "${schema}"`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [schema]);
    if (found.rowCount) return false;
    await client.query(`CREATE SCHEMA "${schema}"`);
    return true;
  } finally {
    await client.end();
  }
}
