import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { openPostgres } from "../../db/postgres";
import { withDatabase } from "./global-setup";

/**
 * Every test file gets its own database, cloned from the migrated template,
 * and owns it: no cleanup between tests is needed, files never see each other's rows.
 */
const adminUrl = inject("adminUrl");
const templateDb = inject("templateDb");
const name = `ep_test_${inject("runId")}_${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(3).toString("hex")}`;

const admin = openPostgres(adminUrl, { max: 1, onnotice: () => {} });
for (let attempt = 0; ; attempt++) {
  try {
    await admin.unsafe(`create database ${name} template ${templateDb}`);
    break;
  } catch (e) {
    // Two clones of one template at the same instant can collide; retry briefly.
    if (attempt >= 10) throw e;
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
  }
}
process.env.DATABASE_URL = withDatabase(adminUrl, name);
process.env.TEST_DATABASE_NAME = name;

afterAll(async () => {
  const { closeDb } = await import("../../app/utils/db.server");
  await closeDb();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
