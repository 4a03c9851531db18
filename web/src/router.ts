/** A small hash router: `#/page?param=value`. Tabs push history; filter changes replace it. */
import { useSyncExternalStore } from "react";

export const PAGES = [
  { id: "executive", label: "Executive" },
  { id: "drivers", label: "Drivers" },
  { id: "at-risk", label: "At-Risk" },
  { id: "tickets", label: "Tickets" },
  { id: "data", label: "Data" },
] as const;
export type PageId = (typeof PAGES)[number]["id"];

export interface Route {
  page: PageId;
  params: URLSearchParams;
}

const CHANGE = "holdfast:route";

function parse(hash: string): Route {
  const m = /^#\/([^?]*)(?:\?(.*))?$/.exec(hash);
  const page = PAGES.find((p) => p.id === m?.[1])?.id ?? "executive";
  return { page, params: new URLSearchParams(m?.[2] ?? "") };
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

/** Go to a hash; `replace` keeps the history entry (for filter edits). */
export function navigate(hash: string, { replace = false } = {}): void {
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, "", hash);
  else history.pushState(null, "", hash);
  window.dispatchEvent(new Event(CHANGE));
}
