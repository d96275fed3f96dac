/** Bounds of the operator's CSV import (shared by the page, import.server.ts and the body limit). */
export const MAX_IMPORT_ROWS = 10_000;
/** 10,000 rows of about 200 bytes each. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
/**
 * The body limit of POST /admin/import: the file, or the pasted text, or the checked text
 * sent back with "apply", form-encoded (percent-encoding can triple it), plus the form.
 */
export const IMPORT_BODY_LIMIT = 3 * MAX_IMPORT_BYTES + 64 * 1024;
