import { Link } from "@tanstack/react-router";
import { useEffect, useId, useState } from "react";
import { signOut } from "../features/auth/auth.ts";
import { PAGES } from "./pages.ts";

/**
 * The page tabs (links, so Tab and Enter work and each page has an address) and Sign out. On a narrow
 * screen they fold behind a Menu button (Escape or choosing a page folds them again).
 */
export function TopNav({ pathname }: { pathname: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  // Close the menu whenever the page changes.
  useEffect(() => {
    void pathname;
    setOpen(false);
  }, [pathname]);
  // Escape folds the open menu.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <header className={open ? "top-bar menu-open" : "top-bar"}>
      <span className="brand">Holdfast</span>
      <button
        type="button"
        className="menu-button secondary"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <div id={`${id}-menu`} className="top-menu">
        <nav aria-label="Pages">
          <ul className="tabs">
            {PAGES.map((p) => (
              <li key={p.to}>
                <Link to={p.to} aria-current={p.to === pathname ? "page" : undefined}>
                  {p.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" className="link-button" onClick={() => signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
