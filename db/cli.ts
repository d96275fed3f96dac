/**
 * `npm run db:migrate` → tsx db/cli.ts migrate
 * `npm run db:seed`    → tsx db/cli.ts seed [--force]
 *
 * Uses DATABASE_URL, or the embedded server in .data/ (joining one that `npm run dev`
 * already runs) when it is unset.
 */
import { openDatabase } from "../app/server/boot";
import { createDb } from "./client";
import { seedDemo } from "./seed";
import { accounts, DEMO_PASSWORD } from "./seed-data";

const log = (line: string) => console.log(`[expertenpool] ${line}`);
const usage = "usage: tsx db/cli.ts migrate | seed [--force]";

async function migrate(): Promise<void> {
  // openDatabase applies pending migrations before it returns.
  const database = await openDatabase({ log, seedIfEmpty: false });
  try {
    log(`Migrations applied (${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"})`);
  } finally {
    await database.stop();
  }
}

async function seed(force: boolean): Promise<number> {
  if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL && !force) {
    console.error(
      "[expertenpool] Refusing to load demo data (demo accounts with a known password) into a production database: NODE_ENV=production and DATABASE_URL is set. Use `npm run db:seed -- --force` if you really mean it.",
    );
    return 1;
  }
  const database = await openDatabase({ log, seedIfEmpty: false });
  const { sql, db } = createDb(database.url, { max: 2 });
  try {
    const [before] = await sql<{ n: number }[]>`select count(*)::int as n from sessions`;
    await seedDemo(db, new Date());
    const [after] = await sql<{ organisations: number; offerings: number; sessions: number }[]>`
      select (select count(*)::int from organisations) as organisations,
             (select count(*)::int from offerings) as offerings,
             (select count(*)::int from sessions) as sessions`;
    log(
      `Demo data loaded: ${after?.organisations} organisations, ${accounts.length} demo accounts (password "${DEMO_PASSWORD}"), ` +
        `${after?.offerings} offerings, ${(after?.sessions ?? 0) - (before?.n ?? 0)} new sessions`,
    );
  } finally {
    await sql.end({ timeout: 5 });
    await database.stop();
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const unknown = rest.filter((a) => a !== "--force");
  if (unknown.length > 0) {
    console.error(`[expertenpool] unknown argument ${unknown[0]}; ${usage}`);
    return 2;
  }
  switch (command) {
    case "migrate":
      await migrate();
      return 0;
    case "seed":
      return seed(rest.includes("--force"));
    default:
      console.error(`[expertenpool] ${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    // drizzle wraps the database's error: "Failed query: …" with the reason in `cause`.
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : "";
    console.error(`[expertenpool] ${e instanceof Error ? e.message.split("\n")[0] : String(e)}${cause}`);
    process.exit(1);
  },
);
