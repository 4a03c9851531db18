import { z } from "zod";

/**
 * In-app experiences (docs/in-app.md): which browser origins may call the experiences API
 * (besides the service's own origin, which is always allowed), and whether the demo host page
 * at /demo-app/ may sign identity tokens for the org ("auto": only for an org holding the
 * simulated demo workspace; "on": this org too; "off": never).
 */
const origin = z
  .string()
  .max(300)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === s;
    } catch {
      return false;
    }
  }, "expected an origin: scheme://host[:port], no path or trailing slash (for example https://app.example.com)");

export const experiencesConfigSchema = z.strictObject({
  allowedOrigins: z.array(origin).max(100),
  demoApp: z.enum(["auto", "on", "off"]),
});
export type ExperiencesConfig = z.infer<typeof experiencesConfigSchema>;

export const DEFAULT_EXPERIENCES: ExperiencesConfig = { allowedOrigins: [], demoApp: "auto" };
