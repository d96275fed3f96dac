/** Bounds of the operator's CSV import (shared by the page and import.server.ts). */
export const MAX_IMPORT_BYTES = 256 * 1024;
export const MAX_IMPORT_ROWS = 1000;
