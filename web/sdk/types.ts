/** What the experiences API answers (src/contracts/experiences.ts), as the snippet reads it. */
export interface Experience {
  id: string;
  kind: "walkthrough" | "banner" | "modal_offer" | "checklist" | "wall";
  tactic: string;
  action: string;
  priority: number;
  title: string;
  body: string;
  cta: string;
  dismiss: string;
  items: string[];
  offer: { id: string; kind: string; terms: string; expires_at: string } | null;
}

export type ResponseType = "impression" | "dismiss" | "accept" | "cta";

export interface InitOptions {
  /** The org's publishable key (pk_...). */
  publishableKey: string;
  /** The end user's identity token, signed by your backend (docs/in-app.md). */
  identity: string;
  /** Holdfast's base URL; default: where sdk.js was loaded from. */
  host?: string;
  /** Called after each recorded answer. */
  onResponse?: (e: { experience: Experience; type: ResponseType; answer: unknown }) => void;
  /** Called with each problem (already caught; also logged once to the console). */
  onError?: (message: string) => void;
}
