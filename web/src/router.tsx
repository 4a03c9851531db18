/**
 * The dashboard's routes (TanStack Router, code-based, hash history so `#/page?...` addresses and the
 * server's static serving keep working). Search params are validated and typed (search-params.ts).
 */
import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Navigate,
} from "@tanstack/react-router";
import { AppShell } from "./AppShell.tsx";
import { outboxSearch } from "./features/outbox/outbox-search.ts";
import { playsSearch } from "./features/plays/plays-search.ts";
import { renewalsSearch } from "./features/renewals/renewals-search.ts";
import {
  atRiskSearch,
  customerSearch,
  parseSearch,
  stringifySearch,
  ticketsSearch,
} from "./search-params.ts";

/** Each page is its own chunk, loaded when first opened. */
const ExecutivePage = lazyRouteComponent(
  () => import("./features/reports/ExecutivePage.tsx"),
  "ExecutivePage",
);
const DriversPage = lazyRouteComponent(() => import("./features/reports/DriversPage.tsx"), "DriversPage");
const AtRiskPage = lazyRouteComponent(() => import("./features/customers/AtRiskPage.tsx"), "AtRiskPage");
const CustomerPage = lazyRouteComponent(
  () => import("./features/customers/CustomerPage.tsx"),
  "CustomerPage",
);
const TicketsPage = lazyRouteComponent(() => import("./features/tickets/TicketsPage.tsx"), "TicketsPage");
const DataPage = lazyRouteComponent(() => import("./features/data/DataPage.tsx"), "DataPage");
const SettingsPage = lazyRouteComponent(() => import("./features/settings/SettingsPage.tsx"), "SettingsPage");
const RenewalsPage = lazyRouteComponent(() => import("./features/renewals/RenewalsPage.tsx"), "RenewalsPage");
const PlaysPage = lazyRouteComponent(() => import("./features/plays/PlaysPage.tsx"), "PlaysPage");
const OutboxPage = lazyRouteComponent(() => import("./features/outbox/OutboxPage.tsx"), "OutboxPage");
const ModelsPage = lazyRouteComponent(() => import("./features/models/ModelsPage.tsx"), "ModelsPage");
const TemplatesPage = lazyRouteComponent(
  () => import("./features/templates/TemplatesPage.tsx"),
  "TemplatesPage",
);

const ToExecutive = () => <Navigate to="/executive" replace />;

const rootRoute = createRootRoute({ component: AppShell, notFoundComponent: ToExecutive });
const child = { getParentRoute: () => rootRoute } as const;

const routeTree = rootRoute.addChildren([
  createRoute({ ...child, path: "/", component: ToExecutive }),
  createRoute({ ...child, path: "/executive", component: ExecutivePage }),
  createRoute({ ...child, path: "/drivers", component: DriversPage }),
  createRoute({ ...child, path: "/at-risk", validateSearch: atRiskSearch, component: AtRiskPage }),
  createRoute({
    ...child,
    path: "/customers/$customerId",
    validateSearch: customerSearch,
    component: CustomerPage,
  }),
  createRoute({ ...child, path: "/tickets", validateSearch: ticketsSearch, component: TicketsPage }),
  createRoute({ ...child, path: "/data", component: DataPage }),
  createRoute({ ...child, path: "/settings", component: SettingsPage }),
  createRoute({ ...child, path: "/renewals", validateSearch: renewalsSearch, component: RenewalsPage }),
  createRoute({ ...child, path: "/plays", validateSearch: playsSearch, component: PlaysPage }),
  createRoute({ ...child, path: "/outbox", validateSearch: outboxSearch, component: OutboxPage }),
  createRoute({ ...child, path: "/models", component: ModelsPage }),
  createRoute({ ...child, path: "/templates", component: TemplatesPage }),
]);

export function createAppRouter() {
  return createRouter({
    routeTree,
    history: createHashHistory(),
    parseSearch,
    stringifySearch,
    scrollRestoration: true,
  });
}

export const router = createAppRouter();

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
