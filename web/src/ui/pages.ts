/** The top menu's pages, in order (each is a route of router.tsx). */
export const PAGES = [
  { to: "/executive", label: "Executive" },
  { to: "/drivers", label: "Drivers" },
  { to: "/at-risk", label: "At-Risk" },
  { to: "/renewals", label: "Renewals" },
  { to: "/plays", label: "Plays" },
  { to: "/outbox", label: "Outbox" },
  { to: "/tickets", label: "Tickets" },
  { to: "/models", label: "Models" },
  { to: "/data", label: "Data" },
  { to: "/templates", label: "Templates" },
  { to: "/settings", label: "Settings" },
] as const;

export type PagePath = (typeof PAGES)[number]["to"];

/** The page's name for the title bar ("Customer S-1" on a customer page). */
export function pageTitle(pathname: string): string {
  const c = /^\/customers\/([^/]+)$/.exec(pathname);
  if (c?.[1]) return `Customer ${decodeURIComponent(c[1])}`;
  return PAGES.find((p) => p.to === pathname)?.label ?? "";
}
