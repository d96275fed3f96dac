import { notFound } from "~/utils/http.server";
/** Anything no other route matches: the root ErrorBoundary shows the Dutch 404 page. */
export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
