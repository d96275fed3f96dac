/** Messages of login, set-password and the operator pages. */
export const accounts = { nl: {}, en: {} } as const;
