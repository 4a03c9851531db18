import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { playsQueries } from "./plays-api.ts";

/** A tactic's name from its slug (the catalog query, shared with the page; the slug until it loads). */
export function useTacticNames(): (slug: string) => string {
  const { data } = useQuery(playsQueries.tactics());
  const names = useMemo(() => new Map((data?.items ?? []).map((t) => [t.slug, t.name])), [data]);
  return (slug: string) => names.get(slug) ?? slug;
}
