/** The Renewals view's search params: which window (30, 60 or 90 days); anything else falls back to 30. */
import { z } from "zod/mini";

export const renewalsSearch = z.object({
  within: z.catch(z.optional(z.enum(["30", "60", "90"])), undefined),
});
export type RenewalsSearch = z.infer<typeof renewalsSearch>;
