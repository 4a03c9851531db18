/** The customer screens' own answer types (facets, timeline), inferred from the zod contracts (types only). */
import type { z } from "zod";
import type { CustomerFacets as CustomerFacetsSchema } from "../../../../src/contracts/customers.ts";
import type { TimelinePage as TimelinePageSchema } from "../../../../src/contracts/timeline.ts";

export type CustomerFacets = z.infer<typeof CustomerFacetsSchema>;
export type FacetField = keyof CustomerFacets["facets"];
export type FacetOption = CustomerFacets["facets"][FacetField][number];
export type TimelinePage = z.infer<typeof TimelinePageSchema>;
export type TimelineEntry = TimelinePage["items"][number];
