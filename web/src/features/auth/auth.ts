/** The API key: kept in localStorage, taken from a `#key=<key>` fragment, dropped on sign-out or a 401. */
import { useSyncExternalStore } from "react";

const STORAGE_KEY = "holdfast.key";

export interface AuthState {
  key: string | null;
  /** Why the user was signed out (e.g. the API's 401 message). */
  message: string | null;
}

let state: AuthState = { key: readStoredKey(), message: null };
const listeners = new Set<() => void>();

function readStoredKey(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function set(next: AuthState): void {
  state = next;
  for (const l of listeners) l();
}

export function currentKey(): string | null {
  return state.key;
}

export function signIn(key: string): void {
  const k = key.trim();
  if (!k) return;
  localStorage.setItem(STORAGE_KEY, k);
  set({ key: k, message: null });
}

export function signOut(message: string | null = null): void {
  localStorage.removeItem(STORAGE_KEY);
  set({ key: null, message });
}

/** Take `#key=<key>` from the URL (once, at start), store it, and drop the fragment from the address and history. */
export function takeKeyFromFragment(): void {
  const m = /^#key=([^&]+)/.exec(location.hash);
  if (!m?.[1]) return;
  signIn(decodeURIComponent(m[1]));
  history.replaceState(null, "", `${location.pathname}${location.search}#/executive`);
}

export function useAuth(): AuthState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
