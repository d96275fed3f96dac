/**
 * `npm run fixtures:calendar [dir]`: (re)write the calendar interop corpus (default
 * tests/fixtures/calendar/), the .eml files a reviewer opens in a real mail client and the
 * .ics files. The interop test fails while the committed corpus is out of date.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildCorpus } from "./corpus";

export const FIXTURE_DIR = "tests/fixtures/calendar";

export async function writeCorpus(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (/\.(eml|ics)$/.test(f)) rmSync(join(dir, f));
  const files = await buildCorpus();
  for (const f of files) writeFileSync(join(dir, f.file), f.content);
  return files.map((f) => f.file);
}

if (process.argv[1]?.endsWith("write-fixtures.ts")) {
  const dir = process.argv[2] ?? FIXTURE_DIR;
  writeCorpus(dir).then((files) => console.log(`wrote ${files.length} files to ${dir}`));
}
