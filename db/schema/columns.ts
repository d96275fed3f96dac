import { type AnyPgColumn, type ReferenceConfig, uuid } from "drizzle-orm/pg-core";

/**
 * Column builders for what every schema file repeats. Each returns the plain drizzle
 * builder, so a column can still be chained (`.notNull()`, `.defaultNow()`, `.unique()`)
 * and drizzle-kit reads the same table as if it were spelled out.
 */

/** The surrogate key of most tables: a random UUID made by PostgreSQL. */
export const uuidPrimaryKey = () => uuid("id").primaryKey().defaultRandom();

/** A required foreign key to another table's uuid, e.g. `requiredRef("session_id", () => sessions.id, { onDelete: "cascade" })`. */
export const requiredRef = <TName extends string>(name: TName, target: () => AnyPgColumn, actions?: ReferenceConfig["actions"]) =>
  uuid(name).notNull().references(target, actions);
