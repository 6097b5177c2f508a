import { eq, inArray } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../client";
import { settings } from "../schema";

/** A row of `settings`. */
export type SettingRow = typeof settings.$inferSelect;

/** The stored rows of `keys` (fewer than 100, so bound one by one). */
export function settingRows(db: Db, keys: readonly string[]): Promise<SettingRow[]> {
  return db
    .select()
    .from(settings)
    .where(inArray(settings.key, [...keys]));
}

/** Sets one setting's value as text. */
export function upsertSetting(db: Db, key: string, value: string, at: string): BatchItem<"sqlite"> {
  return db
    .insert(settings)
    .values({ key, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } });
}

/** Removes a setting, so its default applies again. */
export function deleteSetting(db: Db, key: string): BatchItem<"sqlite"> {
  return db.delete(settings).where(eq(settings.key, key));
}
