/**
 * The API's own dispatcher (ADR 0069) matches exactly as Remix does: for URLs generated from
 * every API route's pattern, and for arbitrary paths under /api/v1, it picks the same route
 * with the same params as react-router's matchRoutes over the app's whole route tree, or
 * leaves the request to Remix when Remix would not pick an API resource route.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { type AgnosticRouteObject, matchRoutes } from "@remix-run/router";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type ApiDispatcher, apiDispatcher } from "~/server/api-dispatch";

let build: ServerBuild;
let dispatcher: ApiDispatcher;
/** The same over the routes in reverse order: the ranking, not the manifest's order, must decide. */
let reversed: ApiDispatcher;
let tree: AgnosticRouteObject[];
const apiPaths: string[] = [];

/** The route tree as Remix's server runtime builds it from the manifest (createRoutes). */
function routeTree(parentId?: string): AgnosticRouteObject[] {
  return Object.values(build.routes)
    .filter((r) => r!.parentId === parentId)
    .map((r) => {
      const children = routeTree(r!.id);
      return r!.index
        ? { id: r!.id, index: true as const, path: r!.path }
        : { id: r!.id, path: r!.path, caseSensitive: r!.caseSensitive, children };
    });
}

function remixMatch(pathname: string): { id: string; params: Record<string, string | undefined> } | undefined {
  const matches = matchRoutes(tree, pathname);
  const leaf = matches?.at(-1);
  if (!leaf) return undefined;
  const route = build.routes[leaf.route.id!]!;
  if ("default" in route.module || route.index) return undefined;
  return { id: route.id, params: leaf.params };
}

beforeAll(async () => {
  const buildPath = path.resolve(import.meta.dirname, "../../build/server/index.js");
  build = (await import(/* @vite-ignore */ pathToFileURL(buildPath).href)) as ServerBuild;
  dispatcher = apiDispatcher(build);
  reversed = apiDispatcher({ ...build, routes: Object.fromEntries(Object.entries(build.routes).reverse()) });
  tree = routeTree(undefined);
  for (const r of Object.values(build.routes)) {
    const parts: string[] = [];
    for (let x: typeof r | undefined = r; x; x = x.parentId ? build.routes[x.parentId] : undefined) parts.unshift(x.path ?? "");
    const full = `/${parts.join("/")}`.replace(/\/\/+/g, "/");
    if (full.startsWith("/api/v1") && !("default" in r!.module)) apiPaths.push(full);
  }
});

// Segment values: ids, words, characters that must be percent-encoded, an encoded "/", "%" itself.
const segment = fc.oneof(
  fc.uuid(),
  fc.stringMatching(/^[a-z0-9-]{1,12}$/),
  fc.string({ minLength: 1, maxLength: 8, unit: "grapheme" }).map(encodeURIComponent),
  fc.constantFrom("a%2Fb", "%25", "%2f", "x%20y", "%E2%82%AC", "calendar.ics", "attendance", "..", "."),
);

function concrete(pattern: string, values: string[], trailing: boolean, upper: boolean): string {
  let i = 0;
  const filled = pattern
    .split("/")
    .map((s) => (s.startsWith(":") ? values[i++ % values.length]! : s === "*" ? values.slice(0, 1 + (i % 3)).join("/") : upper ? s.toUpperCase() : s))
    .join("/");
  return trailing ? `${filled}/` : filled;
}

describe("API dispatcher", () => {
  it("covers the API: every /api/v1 resource route is reached through it", () => {
    expect(apiPaths.length).toBeGreaterThan(20);
    for (const p of apiPaths.filter((x) => !x.includes("*"))) {
      const url = concrete(p, ["0b9d6f9e-1c1a-4c55-9a4e-3f1f0a2b7c11"], false, false);
      expect(dispatcher.match(url), url).toEqual(remixMatch(url));
      expect(dispatcher.match(url)).toBeDefined();
    }
  });

  it("picks Remix's route and params for URLs made from every API route's pattern", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean(), fc.boolean(), (n, values, trailing, upper) => {
        const url = concrete(apiPaths[n % apiPaths.length]!, values, trailing, upper);
        expect(dispatcher.match(url)).toEqual(remixMatch(url));
        expect(reversed.match(url)).toEqual(remixMatch(url));
      }),
      { numRuns: 3000 },
    );
  });

  it("picks what Remix picks for any path under /api/v1, or leaves it to Remix", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(segment, fc.constantFrom("sessions", "bookings", "requests", "attendees", "")), { maxLength: 5 }), (parts) => {
        const url = `/api/v1/${parts.join("/")}`;
        expect(dispatcher.match(url)).toEqual(remixMatch(url));
        expect(reversed.match(url)).toEqual(remixMatch(url));
      }),
      { numRuns: 3000 },
    );
  });

  it("leaves HEAD, Remix's data requests and paths outside the API to Remix", () => {
    const context = {} as never;
    expect(dispatcher.dispatch(new Request("http://x/api/v1/me", { method: "HEAD" }), context)).toBeUndefined();
    expect(dispatcher.dispatch(new Request("http://x/api/v1/me?_data=routes%2Fapi.v1.me"), context)).toBeUndefined();
    expect(dispatcher.dispatch(new Request("http://x/api/v2/me"), context)).toBeUndefined();
    expect(dispatcher.dispatch(new Request("http://x/sessions"), context)).toBeUndefined();
  });
});
