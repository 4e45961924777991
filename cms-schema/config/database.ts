import path from 'node:path';

/**
 * Database connection. SQLite (a file under `data/`, git-ignored) is the embedded default;
 * `DATABASE_CLIENT=postgres` with `DATABASE_URL` is the scale-out path.
 */
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  if (client === 'postgres') {
    const connectionString = env('DATABASE_URL');
    if (!connectionString) {
      throw new Error('DATABASE_CLIENT=postgres needs DATABASE_URL (e.g. postgres://user@127.0.0.1:5432/test)');
    }
    return {
      connection: {
        client: 'postgres',
        connection: { connectionString, schema: env('DATABASE_SCHEMA', 'public') },
        pool: { min: 0, max: env.int('DATABASE_POOL_MAX', 10) },
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres", got "${client}"`);
  }

  return {
    connection: {
      client: 'sqlite',
      connection: {
        // Relative paths resolve from the Strapi app root, not from dist/ after compilation.
        filename: path.resolve(process.cwd(), env('DATABASE_FILENAME', 'data/newsroom.db')),
      },
      useNullAsDefault: true,
    },
  };
};
