import { Transform } from "node:stream";

/**
 * React 18's renderToPipeableStream can end a chunk with one or two NUL bytes when a
 * multi-byte character (é, –, …) meets its 2 KiB buffer boundary (facebook/react#24985,
 * fixed upstream by #26228 but not released for 18). HTML never holds a literal NUL, so
 * trailing NULs of a chunk are dropped.
 */
export function stripTrailingNuls(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length;
      while (end > 0 && chunk[end - 1] === 0) end--;
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}
