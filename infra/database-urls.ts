// Derives the engine's database from the app's: same server, its own database.

export function databaseName(databaseUrl: string): string {
  const name = new URL(databaseUrl).pathname.replace(/^\//, '');
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) throw new Error(`DATABASE_URL 中的数据库名无效: "${name}"`);
  return name;
}

export function withDatabase(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function engineDatabaseName(databaseUrl: string, configured: string | undefined): string {
  return configured ?? `${databaseName(databaseUrl)}_engine`;
}

/** JDBC form for the engine (Spring datasource); credentials go separately. */
export function toJdbc(databaseUrl: string): { jdbcUrl: string; user: string; password: string } {
  const url = new URL(databaseUrl);
  const port = url.port || '5432';
  return {
    jdbcUrl: `jdbc:postgresql://${url.hostname}:${port}${url.pathname}`,
    user: decodeURIComponent(url.username || 'postgres'),
    password: decodeURIComponent(url.password),
  };
}
