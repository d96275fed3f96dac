/** Messages of the public catalog (home, providers, offerings, sessions). */
export const catalog = { nl: {}, en: {} } as const;
