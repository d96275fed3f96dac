/** What a use case under test refused with. */
import { DomainError } from "../../app/utils/errors";

/** The DomainError the promise rejects with (any other error is rethrown; success fails the test). */
export async function failure(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error("expected a DomainError");
}

/** "OK" when the promise resolves, else the code of its DomainError (any other error is rethrown). */
export async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}
