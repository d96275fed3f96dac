declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy. */
    cspNonce: string;
    /** The client's address (behind a trusted proxy: X-Forwarded-For), for rate limiting. */
    clientIp: string;
    /** This request's id (X-Request-Id), shown on the error page. */
    requestId: string;
  }
}
export {};
