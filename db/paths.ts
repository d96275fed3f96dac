import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The project's root folder (the one with package.json), found from this module's own
 * location: the same answer whether the code runs from source (tsx, vitest) or from the
 * compiled bundle in build/server-runtime/.
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findRoot(import.meta.dirname);
