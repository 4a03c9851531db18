/**
 * Load JSON from the API for a path (null: nothing to load); reloads when the path changes. The previous
 * answer stays in `data` while the next one loads, so tables do not jump.
 */
import { useCallback, useEffect, useState } from "react";
import { ApiError, apiJson } from "./api.ts";

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
  /** Replace the loaded value locally (after a write answered with the new state). */
  setData: (update: (prev: T | null) => T | null) => void;
}

export function useApi<T>(path: string | null): Loaded<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    void generation;
    if (path === null) {
      setDataState(null);
      setLoading(false);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    apiJson<T>(path, { signal: ctrl.signal })
      .then((d) => {
        setDataState(d);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((update: (prev: T | null) => T | null) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
