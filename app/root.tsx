import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { NavLinks } from "./components/nav";
import { type Locale, localeFromRequest, translator, useT } from "./i18n";
import type { CurrentUser } from "./modules/accounts/current-user";
import { getCurrentUser } from "./modules/accounts/session.server";
import stylesheet from "./styles.css?url";
import { env } from "./utils/env.server";
import { useNonce, useRequestId } from "./utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Expertenpool" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = localeFromRequest(request);
  const user = await getCurrentUser(request);
  // The development mailbox exists only outside production.
  return { locale, user, devMail: env().NODE_ENV !== "production" };
}

type RootData = { locale: Locale; user: CurrentUser | null; devMail: boolean };

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData("root") as RootData | undefined;
  const locale = data?.locale ?? "nl";
  const nonce = useNonce();
  const requestId = useRequestId();
  return (
    <html lang={locale === "nl" ? "nl-BE" : "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {requestId ? <meta name="request-id" content={requestId} /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <Shell user={data?.user ?? null} devMail={data?.devMail ?? false}>
          {children}
        </Shell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Shell({ user, devMail, children }: { user: CurrentUser | null; devMail: boolean; children: ReactNode }) {
  const { t } = useT();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            <span className="brand-name">{t("site.name")}</span>
            <span className="brand-tagline">{t("site.tagline")}</span>
          </Link>
          {/* Wide screens: the navigation in the header. Phones: one line with a "Menu" disclosure (works without JavaScript). */}
          <nav aria-label={t("nav.main")} className="nav-wide">
            <NavItems user={user} devMail={devMail} here={here} />
          </nav>
          <details className="nav-compact" key={location.pathname}>
            <summary>{t("nav.menu")}</summary>
            <nav aria-label={t("nav.main")}>
              <NavItems user={user} devMail={devMail} here={here} />
            </nav>
          </details>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          {t("footer.text")} <Link to="/privacy">{t("privacy.footerLink")}</Link>
        </div>
      </footer>
    </>
  );
}

function NavItems({ user, devMail, here }: { user: CurrentUser | null; devMail: boolean; here: string }) {
  const { t, locale } = useT();
  return (
    <ul className="nav-list">
      <NavLinks
        links={[
          { to: "/", label: t("nav.catalog"), end: true },
          { to: "/providers", label: t("nav.providers") },
          user?.role === "provider" && { to: "/provider", label: t("provider.navLink") },
          user?.role === "coordinator" && { to: "/bookings", label: t("bookings.navLink") },
          (user?.role === "coordinator" || user?.role === "provider") && { to: user.role === "provider" ? "/provider/requests" : "/requests", label: t("requests.navLink") },
          user?.role === "admin" && { to: "/admin", label: t("nav.admin") },
          user && { to: "/account/calendar", label: t("nav.calendarFeed") },
          devMail && { to: "/dev/mail", label: t("nav.devMail") },
        ]}
      />
      <li>
        {user ? (
          <Form method="post" action="/logout" className="inline-form">
            <Link to="/account" className="nav-user">
              {user.name}
            </Link>{" "}
            <button type="submit" className="link-button">
              {t("nav.logout")}
            </button>
          </Form>
        ) : (
          <NavLink to="/login">{t("nav.login")}</NavLink>
        )}
      </li>
      <li>
        <Form method="post" action="/lang" className="inline-form">
          <input type="hidden" name="redirectTo" value={here} />
          <input type="hidden" name="lang" value={locale === "nl" ? "en" : "nl"} />
          <button type="submit" className="link-button" lang={locale === "nl" ? "en" : "nl"}>
            {t("nav.switchTo")}
          </button>
        </Form>
      </li>
    </ul>
  );
}

export default function App() {
  // Marks the page as hydrated, so that browser tests know when JavaScript enhancements are live.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData("root") as RootData | undefined;
  const t = translator(data?.locale ?? "nl");
  const requestId = useRequestId();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // Logged by handleError in entry.server (facts only), not here: this also renders in the browser.
  const kind = status === 404 ? "notFound" : status === 403 ? "forbidden" : "generic";
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`error.${kind}.title`)}</h1>
      <p>{t(`error.${kind}.body`)}</p>
      {status >= 500 && requestId ? (
        <p className="error-reference">
          {t("error.reference")} <code>{requestId}</code>
        </p>
      ) : null}
      <p>
        <Link to="/">{t("error.backHome")}</Link>
      </p>
    </section>
  );
}
