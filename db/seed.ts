import postgres from "postgres";

/** Placeholder: the demo data loader is written next. */
export async function seedIfEmpty(url: string, _now: Date): Promise<boolean> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`select count(*)::int as n from organisations`;
    return row?.n === 0 && false;
  } finally {
    await sql.end();
  }
}
