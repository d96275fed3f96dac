declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy. */
    cspNonce: string;
    /** The client's address (behind a proxy trusted by TRUST_PROXY: from X-Forwarded-For), for rate limiting. */
    clientIp: string;
    /** This request's id (X-Request-Id), shown on the error page. */
    requestId: string;
    /** The development mailbox may be shown: outside production, to a loopback client not behind a proxy. */
    devMail: boolean;
    /** Set when a loader or action failed because PostgreSQL is unreachable; the HTTP layer then answers 503. */
    databaseUnavailable: boolean;
  }
}
export {};
