/**
 * /api/v1 without Remix's router on every request (issue #15, ADR 0069). Remix matches a URL by
 * flattening and ranking every route of the app on each call (twice per resource request);
 * the server's CPU profile under the booking load put ~10 % of its time there. The API's
 * routes are resource routes (no component, only a loader and an action), so this compiles
 * their full paths once, ranks them as Remix does (react-router's computeScore), and calls the
 * matched route's loader (GET) or action (other methods) itself with the same arguments.
 *
 * Anything it can't answer exactly as Remix would is handed to Remix: no matching API route,
 * HEAD, a route without the function for the method, Remix's own `_data`/`index` parameters.
 * tests/integration/api-dispatch.test.ts checks every API route against Remix's matcher
 * (route and params) for generated URLs.
 */
import type { AppLoadContext, ServerBuild } from "@remix-run/node";

type RouteArgs = { request: Request; params: Record<string, string>; context: AppLoadContext };
type RouteFunction = (args: RouteArgs) => unknown;
type CompiledRoute = { id: string; score: number; pattern: RegExp; paramNames: string[]; loader?: RouteFunction; action?: RouteFunction };

/** The route's path from the root, as react-router's flattenRoutes joins it ("/api/v1/sessions/:id"). */
function fullPath(build: ServerBuild, id: string): string {
  const parts: string[] = [];
  for (let route = build.routes[id]; route; route = route.parentId ? build.routes[route.parentId] : undefined) {
    parts.unshift(route.path ?? "");
  }
  return `/${parts.join("/")}`.replace(/\/\/+/g, "/");
}

/** react-router's computeScore: static segments 10, dynamic 3, empty 1, a splat -2, plus the count. */
export function routeScore(path: string): number {
  const segments = path.split("/");
  const splat = segments.includes("*");
  return segments
    .filter((s) => s !== "*")
    .reduce((score, s) => score + (/^:[\w-]+$/.test(s) ? 3 : s === "" ? 1 : 10), segments.length + (splat ? -2 : 0));
}

/** react-router's compilePath for a whole path, not case-sensitive, to the end (a trailing "/" allowed). */
function compile(path: string): { pattern: RegExp; paramNames: string[] } {
  const paramNames: string[] = [];
  let source = `^${path
    .replace(/\/*\*?$/, "")
    .replace(/^\/*/, "/")
    .replace(/[\\.*+^${}|()[\]]/g, "\\$&")
    .replace(/\/:([\w-]+)/g, (_, name: string) => {
      paramNames.push(name);
      return "/([^\\/]+)";
    })}`;
  if (path.endsWith("*")) {
    paramNames.push("*");
    source += path === "*" || path === "/*" ? "(.*)$" : "(?:\\/(.+)|\\/*)$";
  } else {
    source += "\\/*$";
  }
  return { pattern: new RegExp(source, "i"), paramNames };
}

/** react-router's decodePath: each segment decoded, an encoded "/" kept as %2F; left as it is when malformed. */
function decodePath(pathname: string): string {
  try {
    return pathname
      .split("/")
      .map((v) => decodeURIComponent(v).replace(/\//g, "%2F"))
      .join("/");
  } catch {
    return pathname;
  }
}

export type ApiDispatcher = {
  /** The route and params Remix would match for this pathname among the API's routes. */
  match(pathname: string): { id: string; params: Record<string, string> } | undefined;
  /** The route's answer, or undefined when Remix must answer. */
  dispatch(request: Request, context: AppLoadContext): Promise<Response> | undefined;
};

export function apiDispatcher(build: ServerBuild, prefix = "/api/v1"): ApiDispatcher {
  const routes: CompiledRoute[] = Object.values(build.routes)
    .filter((r) => r && !r.index && !("default" in r.module))
    .map((r) => ({ id: r!.id, path: fullPath(build, r!.id), module: r!.module as { loader?: RouteFunction; action?: RouteFunction } }))
    .filter((r) => r.path === prefix || r.path.startsWith(`${prefix}/`))
    .map((r) => ({ id: r.id, score: routeScore(r.path), ...compile(r.path), loader: r.module.loader, action: r.module.action }))
    .sort((a, b) => b.score - a.score);

  const find = (pathname: string) => {
    const decoded = decodePath(pathname);
    for (const route of routes) {
      const m = route.pattern.exec(decoded);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.paramNames.forEach((name, i) => {
        params[name] = (m[i + 1] ?? "").replace(/%2F/g, "/");
      });
      return { route, params };
    }
    return undefined;
  };

  return {
    match(pathname) {
      const found = find(pathname);
      return found && { id: found.route.id, params: found.params };
    },
    dispatch(request, context) {
      if (request.method === "HEAD") return undefined;
      const url = new URL(request.url);
      if (!url.pathname.toLowerCase().startsWith(prefix) || url.searchParams.has("_data") || url.searchParams.has("index")) return undefined;
      const found = find(url.pathname);
      const run = found && (request.method === "GET" ? found.route.loader : found.route.action);
      if (!found || !run) return undefined;
      return (async () => {
        try {
          const answer = await run({ request, params: found.params, context });
          if (answer instanceof Response) return answer;
          throw new Error(`API route ${found.route.id} answered without a Response`);
        } catch (thrown) {
          // A route may throw a Response (a guard's 401/404); Remix answers with it as it is.
          if (thrown instanceof Response) return thrown;
          throw thrown;
        }
      })();
    },
  };
}
