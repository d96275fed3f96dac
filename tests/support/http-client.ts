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

/**
 * API tokens through POST /api/v1/auth/token, one per user, kept for the test file; each
 * request comes from an address of its own. Throws unless the token is issued (201).
 */
export function apiTokens(baseUrl: () => string): (user: { id: string; email: string }) => Promise<string> {
  const tokens = new Map<string, string>();
  return async (user) => {
    const known = tokens.get(user.id);
    if (known) return known;
    const res = await fetch(`${baseUrl()}/api/v1/auth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": nextIp() },
      body: JSON.stringify({ email: user.email, password: DEFAULT_PASSWORD }),
    });
    if (res.status !== 201) throw new Error(`no API token for ${user.email}: ${res.status}`);
    const { token } = (await res.json()) as { token: string };
    tokens.set(user.id, token);
    return token;
  };
}

/**
 * Everything the process writes while it runs (console and stdout/stderr; the test server
 * runs in this process) is also pushed into `into`. Returns the function that stops it.
 */
export function captureProcessOutput(into: string[], format: (...args: unknown[]) => string): () => void {
  const restore: (() => void)[] = [];
  for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      into.push(format(...args));
    };
    restore.push(() => {
      console[level] = original;
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      into.push(typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk));
      return (original as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  return () => {
    for (const r of restore.reverse()) r();
  };
}
