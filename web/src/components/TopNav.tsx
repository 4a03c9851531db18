import { signOut } from "../auth.ts";
import { hrefFor, PAGES, type RouteName } from "../router.ts";

/** The page tabs (links, so Tab and Enter work and each page has an address) and Sign out. */
export function TopNav({ page }: { page: RouteName }) {
  return (
    <header className="top-bar">
      <span className="brand">Holdfast</span>
      <nav aria-label="Pages">
        <ul className="tabs">
          {PAGES.map((p) => (
            <li key={p.id}>
              <a href={hrefFor(p.id)} aria-current={p.id === page ? "page" : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <button type="button" className="link-button" onClick={() => signOut()}>
        Sign out
      </button>
    </header>
  );
}
