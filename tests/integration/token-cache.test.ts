import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, users } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import { deactivateUser } from "../../app/modules/accounts/admin.server";
import { createToken, forgetCachedCredentials, revokeAllTokens, TOKEN_CACHE_MS, userForToken } from "../../app/modules/accounts/tokens.server";
import { createUser } from "../support/factories/accounts";

// The token → user cache of ADR 0042: a few seconds at most, never past a revocation here.
const T0 = new Date("2027-03-01T09:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

async function tokenFor(role: "coordinator" | "admin" = "coordinator", expiresInDays?: number) {
  const user = await createUser(role);
  const { token, id } = await db().transaction((tx) => createToken(tx, { user, now: T0, expiresInDays }));
  return { user, token, id };
}

describe("the token cache", () => {
  it("answers from memory within TOKEN_CACHE_MS and asks the database again after it", async () => {
    const { token, id } = await tokenFor();
    expect((await userForToken({ token, now: at(0) })).status).toBe("ok");
    // Revoked behind the cache's back (as another instance would): seen once the entry is old.
    await db().update(apiTokens).set({ revokedAt: at(1) }).where(eq(apiTokens.id, id));
    expect((await userForToken({ token, now: at(TOKEN_CACHE_MS - 1) })).status).toBe("ok");
    expect((await userForToken({ token, now: at(TOKEN_CACHE_MS) })).status).toBe("invalid");
  });

  it("forgets a user's tokens at once when they are revoked in this process", async () => {
    const { user, token } = await tokenFor();
    expect((await userForToken({ token, now: at(0) })).status).toBe("ok");
    await db().transaction((tx) => revokeAllTokens(tx, { userId: user.id, now: at(1) }));
    expect((await userForToken({ token, now: at(2) })).status).toBe("invalid");
  });

  it("forgets them when an operator deactivates the user", async () => {
    const admin = await createUser("admin");
    const { user, token } = await tokenFor();
    expect((await userForToken({ token, now: new Date() })).status).toBe("ok");
    await deactivateUser({ actor: admin, organisationId: user.organisation.id, userId: user.id, now: new Date() });
    expect((await userForToken({ token, now: new Date() })).status).toBe("invalid");
  });

  it("does not cache what was read just before a revocation committed", async () => {
    const { user, token } = await tokenFor();
    forgetCachedCredentials(user.id, at(0).getTime());
    // A read that raced the revoking transaction: still valid in the database…
    expect((await userForToken({ token, now: at(1) })).status).toBe("ok");
    // …then the revocation commits: the next request must see it.
    await db().update(users).set({ active: false }).where(eq(users.id, user.id));
    expect((await userForToken({ token, now: at(2) })).status).toBe("invalid");
  });

  it("never keeps a token past its expiry", async () => {
    const { token } = await tokenFor("coordinator", 1);
    const expiry = 86_400_000;
    expect((await userForToken({ token, now: at(expiry - 10) })).status).toBe("ok");
    expect((await userForToken({ token, now: at(expiry) })).status).toBe("invalid");
  });
});
