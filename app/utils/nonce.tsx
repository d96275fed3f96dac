import { createContext, useContext } from "react";

/** The per-request CSP nonce, provided by entry.server and read by <Scripts>. */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);

/** This request's id (X-Request-Id): entry.server provides it, the layout puts it in a meta tag for the browser. */
export const RequestIdContext = createContext<string | undefined>(undefined);
export const useRequestId = () => useContext(RequestIdContext);
