// The Postgres server tests may create throwaway databases on: DATABASE_URL's server when set,
// otherwise the local one. Tests never touch the database DATABASE_URL names; they create their own
// beside it (on the server's "postgres" maintenance database) and drop it afterwards.

export function postgresServerUrl(): string {
  const configured = process.env.CLEARWAY_TEST_POSTGRES_URL || process.env.DATABASE_URL;
  const url = new URL(configured || "postgres://postgres@127.0.0.1:5432/postgres");
  url.pathname = "/postgres";
  return url.toString();
}

export function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
