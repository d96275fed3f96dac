/** Messages of the provider planner pages (offerings, sessions, series, availability, calendar). */
export const provider = { nl: {}, en: {} } as const;
