/**
 * A small hash router: `#/page?param=value`, and `#/customers/<id>` for one customer's page. Tabs push
 * history; filter changes replace it.
 */
import { useSyncExternalStore } from "react";

export const PAGES = [
  { id: "executive", label: "Executive" },
  { id: "drivers", label: "Drivers" },
  { id: "at-risk", label: "At-Risk" },
  { id: "tickets", label: "Tickets" },
  { id: "data", label: "Data" },
  { id: "settings", label: "Settings" },
] as const;
export type PageId = (typeof PAGES)[number]["id"];

export type RouteName = PageId | "customer";

export interface Route {
  page: RouteName;
  params: URLSearchParams;
  /** The customer of `#/customers/<id>`. */
  customerId?: string;
}

const CHANGE = "holdfast:route";

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function parse(hash: string): Route {
  const m = /^#\/([^?]*)(?:\?(.*))?$/.exec(hash);
  const params = new URLSearchParams(m?.[2] ?? "");
  const c = /^customers\/([^/]+)$/.exec(m?.[1] ?? "");
  const customerId = c ? decode(c[1]!) : undefined;
  if (customerId) return { page: "customer", params, customerId };
  const page = PAGES.find((p) => p.id === m?.[1])?.id ?? "executive";
  return { page, params };
}

let cachedHash = "";
let cached: Route = parse("");

function snapshot(): Route {
  if (location.hash !== cachedHash) {
    cachedHash = location.hash;
    cached = parse(cachedHash);
  }
  return cached;
}

function subscribe(l: () => void): () => void {
  window.addEventListener("hashchange", l);
  window.addEventListener(CHANGE, l);
  return () => {
    window.removeEventListener("hashchange", l);
    window.removeEventListener(CHANGE, l);
  };
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

export function hrefFor(page: PageId, params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const s = q.toString();
  return `#/${page}${s ? `?${s}` : ""}`;
}

/** One customer's page; `back` is the At-Risk list's query to return to (filters, sort). */
export function customerHref(customerId: string, back?: string): string {
  return `#/customers/${encodeURIComponent(customerId)}${back ? `?${new URLSearchParams({ back })}` : ""}`;
}

/** Go to a hash; `replace` keeps the history entry (for filter edits). */
export function navigate(hash: string, { replace = false } = {}): void {
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, "", hash);
  else history.pushState(null, "", hash);
  window.dispatchEvent(new Event(CHANGE));
}
