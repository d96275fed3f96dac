import { Notice } from "~/components/form";
import { type MessageKey, useT } from "~/i18n";
import type { ImportError } from "~/modules/accounts/import.server";

/** The refused lines of a CSV import, one per line with its Dutch reason (the dry run and the job's progress page). */
export function ImportErrors({ errors, title, role }: { errors: ImportError[]; title: MessageKey; role?: "alert" | "status" }) {
  const { t } = useT();
  if (errors.length === 0) return null;
  return (
    <Notice tone="error" role={role} className="import-errors">
      <p>{t(title)}</p>
      <ul>
        {errors.map((e) => (
          <li key={`${e.line}-${e.key}`}>{t("import.errorLine", { line: String(e.line), message: t(e.key) })}</li>
        ))}
      </ul>
    </Notice>
  );
}
