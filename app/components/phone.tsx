/** Every phone number the app shows is a `tel:` link, through these two components. */
import { telHref } from "~/modules/requests/kinds";

/** One phone number as published ("03 349 34 70"), dialled by a tap on a phone. */
export function PhoneLink({ phone }: { phone: string }) {
  return <a href={telHref(phone)}>{phone}</a>;
}

/** Belgian phone numbers as published ("03 349 34 70", "0489 33 58 36", "089/ 33 99 37"). */
const PHONE = /(?:\+32[ ]?|\b0)\d{1,3}(?:[ /.]{1,2}\d{2,3}){2,4}\b/g;

/** Text with every phone number in it as a `tel:` link. */
export function WithPhoneLinks({ text }: { text: string }) {
  const parts: (string | { phone: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(PHONE)) {
    parts.push(text.slice(last, m.index), { phone: m[0] });
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last));
  return (
    <>
      {parts.map((p, i) =>
        typeof p === "string" ? (
          p
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: static text, order never changes
          <PhoneLink key={i} phone={p.phone} />
        ),
      )}
    </>
  );
}
