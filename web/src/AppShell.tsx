import { useQueryClient } from "@tanstack/react-query";
import { Outlet, useRouterState } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useAuth } from "./features/auth/auth.ts";
import { SignIn } from "./features/auth/SignIn.tsx";
import { pageTitle } from "./ui/pages.ts";
import { TopNav } from "./ui/TopNav.tsx";

/** The frame of every page: sign-in gate, skip link, top menu, the page, and the title bar. */
export function AppShell() {
  const { key, message } = useAuth();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const main = useRef<HTMLElement>(null);
  const label = pageTitle(pathname);
  const queryClient = useQueryClient();

  // Signed out: drop everything cached for that key (the next key may see other data). The pages
  // have unmounted by then, so no query is left waiting on a cleared cache.
  useEffect(() => {
    if (!key) queryClient.clear();
  }, [key, queryClient]);

  useEffect(() => {
    document.title = `${label} · Holdfast`;
  }, [label]);

  if (!key) return <SignIn message={message} />;
  return (
    <>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <TopNav pathname={pathname} />
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
