import { describe, expect, it } from "vitest";
import { loader } from "~/routes/healthz";

describe("/healthz", () => {
  it("answers ok when the database answers", async () => {
    const res = await loader();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
