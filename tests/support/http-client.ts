/**
 * A browser without JavaScript, for tests against the test server: plain form posts,
 * redirects not followed, one cookie jar (the session cookie that the login sets and the
 * logout clears). Each client comes from an address of its own (the app trusts
 * X-Forwarded-For from loopback), so that one test's failed logins never rate-limit another.
 */
import { DEFAULT_PASSWORD } from "./factories/accounts";

/** Form fields; a list (or an array value) sends a name more than once. */
export type Fields = Record<string, string | string[]> | [string, string][];

let clients = 0;
const nextIp = () => {
  const n = ++clients;
  return `198.18.${(n >> 8) & 255}.${n & 255}`;
};

export class HttpClient {
  cookie = "";
  readonly ip = nextIp();

  constructor(readonly baseUrl: string) {}

  get(path: string): Promise<Response> {
    return fetch(this.baseUrl + path, { headers: this.headers(), redirect: "manual" });
  }

  async post(path: string, fields: Fields = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    const res = await fetch(this.baseUrl + path, { method: "POST", body, headers: this.headers(), redirect: "manual" });
    const session = res.headers.getSetCookie().find((c) => c.startsWith("__session="));
    if (session) {
      const pair = session.split(";")[0]!;
      this.cookie = pair === "__session=" ? "" : pair;
    }
    return res;
  }

  /** Through the real login form; `redirectTo` goes in the query and in the form, as the page sends it. */
  login(email: string, password = DEFAULT_PASSWORD, redirectTo?: string): Promise<Response> {
    const query = redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : "";
    return this.post(`/login${query}`, { email, password, ...(redirectTo ? { redirectTo } : {}) });
  }

  private headers(): Record<string, string> {
    return { "X-Forwarded-For": this.ip, ...(this.cookie ? { Cookie: this.cookie } : {}) };
  }
}

/** A client logged in through the login form; throws when the login does not succeed. */
export async function signIn(baseUrl: string, email: string, password = DEFAULT_PASSWORD): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const res = await client.login(email, password);
  if (res.status !== 302 || !client.cookie) throw new Error(`login failed for ${email}: ${res.status}`);
  return client;
}
