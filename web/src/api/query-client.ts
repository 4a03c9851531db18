/**
 * The one QueryClient: server state is cached per query key, retried on network and 5xx failures
 * only (never on 4xx), and every write invalidates the queries it changes (by default all
 * of them), so no stale figure stays on screen after an action.
 */
import { MutationCache, QueryClient, type QueryKey } from "@tanstack/react-query";
import { ApiError } from "./http.ts";

declare module "@tanstack/react-query" {
  interface Register {
    defaultError: ApiError;
    mutationMeta: { invalidates?: readonly QueryKey[] };
  }
}

/** Retry a failed read twice unless the server refused it (4xx: retrying cannot help). */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
    mutationCache: new MutationCache({
      // After a write (also a refused one: an import's refusal is recorded in its history).
      onSettled: async (_data, _error, _vars, _ctx, mutation) => {
        const keys = mutation.meta?.invalidates;
        if (!keys) await client.invalidateQueries();
        else await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })));
      },
    }),
  });
  return client;
}

export const queryClient = createQueryClient();
