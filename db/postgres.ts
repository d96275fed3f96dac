/**
 * postgres.js, with libpq's way of naming a Unix socket in a URL: `?host=/var/run/postgresql`
 * (the folder holding `.s.PGSQL.<port>`) connects through the socket instead of TCP (ADR 0070).
 * postgres.js 3.4 reads neither that nor a percent-encoded socket folder as the host. On a
 * machine that runs PostgreSQL beside the app, a socket costs less per statement than loopback
 * TCP; every client of the project opens its connections through here.
 */
import postgres from "postgres";

export function openPostgres(url: string, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): postgres.Sql {
  const parsed = new URL(url);
  const folder = parsed.searchParams.get("host");
  if (!folder?.startsWith("/")) return postgres(url, options);
  parsed.searchParams.delete("host");
  return postgres(parsed.toString(), { ...options, path: `${folder.replace(/\/+$/, "")}/.s.PGSQL.${parsed.port || "5432"}` });
}
