import type { MetaArgs } from "@remix-run/react";
import { isLocale, type MessageKey, translator } from "~/i18n";

/** A page title in the visitor's language (the locale comes from the root loader). */
export function titleMeta(matches: MetaArgs["matches"], key: MessageKey) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  const t = translator(isLocale(root?.locale) ? root.locale : "nl");
  return [{ title: `${t(key)} — Expertenpool` }];
}
