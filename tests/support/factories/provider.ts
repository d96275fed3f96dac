/** Data for the provider planner's tests: offerings, and a logged-in HTTP client. */
import { randomBytes } from "node:crypto";
import { offerings } from "../../../db/schema";
import { db } from "../../../app/utils/db.server";

export async function createOfferingRow(
  providerId: string,
  fields: Partial<typeof offerings.$inferInsert> = {},
): Promise<typeof offerings.$inferSelect> {
  const slug = fields.slug ?? `aanbod-${randomBytes(3).toString("hex")}`;
  const [row] = await db()
    .insert(offerings)
    .values({
      providerId,
      slug,
      title: "Intervisie radicalisering",
      format: "intervision",
      deliveryMode: "on_site",
      durationMinutes: 150,
      bookingMode: "open",
      defaultCapacity: 12,
      ...fields,
    })
    .returning();
  return row!;
}

/** Log in through the real login form and keep the session cookie. */
export async function login(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/login`, {
    method: "POST",
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get("set-cookie") ?? ""]).find((c) => c.startsWith("__session="));
  if (res.status !== 302 || !cookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return cookie.split(";")[0]!;
}

export type Client = {
  get: (path: string) => Promise<Response>;
  post: (path: string, fields: Record<string, string | string[]>) => Promise<Response>;
};

/** fetch with the session cookie, not following redirects; forms are sent as a browser without JavaScript would. */
export function client(baseUrl: string, cookie: string | null): Client {
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  return {
    get: (path) => fetch(baseUrl + path, { headers, redirect: "manual" }),
    post: (path, fields) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
      return fetch(baseUrl + path, { method: "POST", headers, body, redirect: "manual" });
    },
  };
}
