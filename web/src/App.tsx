import { useEffect, useRef } from "react";
import { useAuth } from "./auth.ts";
import { SignIn } from "./components/SignIn.tsx";
import { TopNav } from "./components/TopNav.tsx";
import { AtRiskPage } from "./pages/AtRiskPage.tsx";
import { CustomerPage } from "./pages/CustomerPage.tsx";
import { DataPage } from "./pages/DataPage.tsx";
import { DriversPage } from "./pages/DriversPage.tsx";
import { ExecutivePage } from "./pages/ExecutivePage.tsx";
import { SettingsPage } from "./pages/SettingsPage.tsx";
import { TicketsPage } from "./pages/TicketsPage.tsx";
import { PAGES, useRoute } from "./router.ts";

export function App() {
  const { key, message } = useAuth();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const label =
    route.page === "customer"
      ? `Customer ${route.customerId ?? ""}`
      : (PAGES.find((p) => p.id === route.page)?.label ?? "");

  useEffect(() => {
    document.title = `${label} · Holdfast`;
  }, [label]);

  if (!key) return <SignIn message={message} />;
  return (
    <>
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to content
      </button>
      <TopNav page={route.page} />
      <main id="main" ref={main} tabIndex={-1}>
        {route.page === "executive" && <ExecutivePage />}
        {route.page === "drivers" && <DriversPage />}
        {route.page === "at-risk" && <AtRiskPage params={route.params} />}
        {route.page === "tickets" && <TicketsPage params={route.params} />}
        {route.page === "data" && <DataPage />}
        {route.page === "settings" && <SettingsPage />}
        {route.page === "customer" && route.customerId ? (
          <CustomerPage key={route.customerId} customerId={route.customerId} params={route.params} />
        ) : null}
      </main>
    </>
  );
}
