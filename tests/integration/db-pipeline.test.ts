/**
 * The pipelined transaction (ADR 0068): BEGIN travels with the first statements and COMMIT
 * with the last, on one reserved connection; every way out leaves no transaction open and the
 * pool usable.
 */
import net from "node:net";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "~/utils/db.server";
import { pipelinedTransaction, send, settled } from "~/utils/db-pipeline.server";

beforeAll(async () => {
  await sql()`create table if not exists pipeline_probe (id int primary key, note text not null)`;
});

afterEach(() => vi.restoreAllMocks());

async function notes(): Promise<string[]> {
  const rows = await sql()<{ note: string }[]>`select note from pipeline_probe order by id`;
  return rows.map((r) => r.note);
}

async function transfer(id: number, note: string) {
  return pipelinedTransaction(async (t, finish) => {
    const [[before], [count]] = await settled([
      send(t<{ n: number }[]>`select count(*)::int as n from pipeline_probe where id = ${id}`),
      send(t<{ n: number }[]>`select count(*)::int as n from pipeline_probe`),
    ]);
    await finish(t`insert into pipeline_probe (id, note) values (${id}, ${note})`);
    return { before: before!.n, count: count!.n };
  });
}

describe("pipelinedTransaction", () => {
  it("commits the last statement and answers what the work returned", async () => {
    await sql()`delete from pipeline_probe`;
    expect(await transfer(1, "een")).toEqual({ before: 0, count: 0 });
    expect(await transfer(2, "twee")).toEqual({ before: 0, count: 1 });
    expect(await notes()).toEqual(["een", "twee"]);
  });

  it("takes two writes to the socket: BEGIN with the reads, the last statement with COMMIT", async () => {
    await sql()`delete from pipeline_probe`;
    // Warm up: a statement's first use on a connection is described first (one round trip more).
    for (let i = 0; i < 12; i++) await transfer(100 + i, "warm");
    const write = vi.spyOn(net.Socket.prototype, "write");
    await transfer(200, "gemeten");
    expect(write).toHaveBeenCalledTimes(2);
    write.mockClear();
    // The same work through postgres.js's begin(): four writes (BEGIN, reads, insert, COMMIT).
    await sql().begin(async (t) => {
      await Promise.all([t`select count(*)::int as n from pipeline_probe where id = ${201}`, t`select count(*)::int as n from pipeline_probe`]);
      await t`insert into pipeline_probe (id, note) values (${201}, ${"begin"})`;
    });
    expect(write).toHaveBeenCalledTimes(4);
  });

  it("asks for generic plans inside the transaction only, without a write more", async () => {
    const mode = (generic: boolean) =>
      pipelinedTransaction(async (t, finish) => (await finish(t<{ plan_cache_mode: string }[]>`show plan_cache_mode`))[0]!.plan_cache_mode, { genericPlans: generic });
    for (let i = 0; i < 12; i++) await mode(true);
    for (let i = 0; i < 12; i++) await mode(false);
    const write = vi.spyOn(net.Socket.prototype, "write");
    expect(await mode(true)).toBe("force_generic_plan");
    const generic = write.mock.calls.length;
    write.mockClear();
    expect(await mode(false)).toBe("auto");
    // BEGIN, the SET, the statement and COMMIT all travel in one write, as without the SET.
    expect(generic).toBe(1);
    expect(write).toHaveBeenCalledTimes(1);
    // SET LOCAL ends with the transaction: no pooled connection keeps it.
    const modes = await Promise.all(Array.from({ length: 30 }, () => sql()<{ plan_cache_mode: string }[]>`show plan_cache_mode`));
    expect(new Set(modes.map((r) => r[0]!.plan_cache_mode))).toEqual(new Set(["auto"]));
  });

  it("rolls back when the work throws between the round trips, and the connection serves again", async () => {
    await sql()`delete from pipeline_probe`;
    for (let i = 0; i < 15; i++) {
      await expect(
        pipelinedTransaction(async (t) => {
          await send(t`insert into pipeline_probe (id, note) values (${i}, ${"weg"})`);
          throw new Error("refused after the reads");
        }),
      ).rejects.toThrow("refused after the reads");
    }
    expect(await notes()).toEqual([]);
    // More transactions than the pool has connections: none was left inside a transaction.
    for (let i = 0; i < 15; i++) await transfer(i, `ok ${i}`);
    expect(await notes()).toHaveLength(15);
  });

  it("when the last statement fails, its COMMIT rolls back everything before it", async () => {
    await sql()`delete from pipeline_probe`;
    await transfer(1, "eerste");
    const failed = pipelinedTransaction(async (t, finish) => {
      await send(t`insert into pipeline_probe (id, note) values (${2}, ${"mee teruggedraaid"})`);
      await finish(t`insert into pipeline_probe (id, note) values (${1}, ${"dubbel"})`);
    });
    await expect(failed).rejects.toMatchObject({ code: "23505" });
    expect(await notes()).toEqual(["eerste"]);
    for (let i = 3; i < 15; i++) await transfer(i, "daarna");
    expect(await notes()).toHaveLength(13);
  });

  it("a connection that dies inside the last round trip fails the work and is not handed back; the pool goes on", async () => {
    await sql()`delete from pipeline_probe`;
    // Killed while PostgreSQL works on the last statement, after the driver has written its
    // COMMIT: the only moment postgres.js 3.4.9 survives a dead backend (ADR 0065).
    const died = pipelinedTransaction(async (t, finish) => {
      await send(t`insert into pipeline_probe (id, note) values (${1}, ${"verloren"})`);
      await finish(t`select pg_sleep(5)`);
    });
    died.catch(() => {});
    const admin = sql();
    let pid: number | undefined;
    for (let i = 0; i < 100 && pid === undefined; i++) {
      const [row] = await admin<{ pid: number }[]>`select pid from pg_stat_activity where query = 'select pg_sleep(5)' and state = 'active'`;
      pid = row?.pid;
      if (pid === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(pid).toBeDefined();
    await admin`select pg_terminate_backend(${pid!})`;
    await expect(died).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
    // The process is still here (postgres.js's begin() crashes it in this case: ADR 0065), and
    // the pool serves on. The driver hands the killed backend's farewell (57P01) to one later
    // query on the reconnected connection, at most once (ADR 0068).
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => transfer(10 + i, "verder")));
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(refused.length).toBeLessThanOrEqual(1);
    for (const o of refused) expect(o.reason).toMatchObject({ code: "57P01" });
    expect(await notes()).toHaveLength(20 - refused.length);
    expect(await notes()).not.toContain("verloren");
  });
});
