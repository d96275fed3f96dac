/** Navigation lists: NavLink marks the current page (aria-current="page"). */
import { NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

/** One link of a navigation list; `end` matches only the exact path (an area's overview). */
export type NavItem = { to: string; label: ReactNode; end?: boolean };

/** The list items of a navigation list; an entry that is false or null (not for this user) is left out. */
export function NavLinks({ links }: { links: (NavItem | false | null | undefined)[] }) {
  return (
    <>
      {links
        .filter((link): link is NavItem => Boolean(link))
        .map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
    </>
  );
}
