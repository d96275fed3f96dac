/**
 * One place that hears when a user's credentials were revoked (sessions ended, API tokens
 * revoked): logout everywhere, a new password, deactivation, a revoked token. Anything that
 * keeps credentials in memory (e.g. a short-lived token cache) registers here and drops
 * what it holds for that user. Listeners are called after the revoking transaction
 * committed, in this process only; a cache shared by several processes must keep its
 * lifetime short (see docs/security.md).
 */
type Listener = (userId: string) => void;

const listeners = new Set<Listener>();

/** Register a listener; returns a function that removes it again. */
export function onCredentialsRevoked(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tell every listener that this user's sessions and/or tokens were revoked. */
export function credentialsRevoked(userId: string): void {
  for (const listener of listeners) {
    try {
      listener(userId);
    } catch (e) {
      // A broken listener must not undo a revocation that already committed.
      console.error("accounts: credentials-revoked listener failed", e instanceof Error ? e.message : e);
    }
  }
}
