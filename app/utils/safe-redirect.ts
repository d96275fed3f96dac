const BASE = "http://expertenpool.invalid";
const MAX_LENGTH = 2048;

/** Backslash (browsers read it as "/"), C0 controls (tab, newline: dropped by URL parsers) and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what is refused
const unsafeChar = /[\\\u0000-\u001f\u007f]/;

function looksRemote(path: string): boolean {
  return path.startsWith("//") || unsafeChar.test(path);
}

/**
 * A redirect target that stays on this site: an absolute path ("/x?y#z") whose every
 * reading — as typed, as a browser parses it, and percent-decoded up to three times —
 * is a path on this origin. Anything else (//host, /\host, tabs, %5C, %2F%2F, schemes,
 * over-long input) gives `fallback`. The path is returned as the URL parser normalised it.
 */
export function safeLocalPath(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || target.length > MAX_LENGTH || !target.startsWith("/")) return fallback;
  let decoded = target;
  for (let i = 0; i < 3; i++) {
    if (looksRemote(decoded)) return fallback;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (looksRemote(decoded)) return fallback;
  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return looksRemote(path) ? fallback : path;
}
