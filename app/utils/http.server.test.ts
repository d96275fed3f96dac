import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forbidden, invariantResponse, notFound, notFoundUnless } from "./http.server";

/** What a guard threw: the Response the root ErrorBoundary turns into the Dutch error page. */
function thrown(run: () => unknown): Response {
  try {
    run();
  } catch (e) {
    if (e instanceof Response) return e;
    throw e;
  }
  throw new Error("the guard did not throw");
}

describe("page guards", () => {
  it("notFound throws a 404 Response with the given headers", () => {
    const r = thrown(() => notFound({ "Cache-Control": "no-store" }));
    expect(r.status).toBe(404);
    expect(r.headers.get("Cache-Control")).toBe("no-store");
  });

  it("forbidden throws a 403 Response", () => {
    expect(thrown(forbidden).status).toBe(403);
  });

  it("invariantResponse throws exactly when the condition is falsy, with the chosen status", () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(403 as const, 404 as const), (value, status) => {
        if (value) expect(() => invariantResponse(value, status)).not.toThrow();
        else expect(thrown(() => invariantResponse(value, status)).status).toBe(status);
      }),
    );
  });

  it("notFoundUnless lets every present value through, also falsy ones, and 404s null and undefined", () => {
    fc.assert(fc.property(fc.anything().filter((v) => v !== null && v !== undefined), (value) => {
          expect(() => notFoundUnless(value)).not.toThrow();
        }));
    expect(thrown(() => notFoundUnless(null)).status).toBe(404);
    expect(thrown(() => notFoundUnless(undefined)).status).toBe(404);
  });
});
