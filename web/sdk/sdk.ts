import { Renderer } from "./render.ts";
import type { Experience, InitOptions, ResponseType } from "./types.ts";

/**
 * The Holdfast browser snippet (served at /sdk.js; docs/in-app.md):
 *
 *   Holdfast.init({ publishableKey: "pk_...", identity: "<token from your backend>" });
 *   Holdfast.moment("session_start");
 *
 * It asks the experiences API what to show this end user at this moment and draws it in a shadow
 * DOM. It never throws into the host page: every error is caught and logged once.
 */

const VERSION = "1";
const logged = new Set<string>();
/**
 * Logs a problem once per message (a broken token on every moment would flood the console) and
 * tells the host page (`holdfast:error` event, `onError`), which may ignore it.
 */
function warn(message: string): void {
  try {
    options?.onError?.(message);
    window.dispatchEvent(new CustomEvent("holdfast:error", { detail: { message } }));
  } catch {
    // a failing listener is the host page's own business
  }
  if (logged.has(message)) return;
  logged.add(message);
  try {
    console.warn(`[holdfast] ${message}`);
  } catch {
    // no console: nothing to do
  }
}

/** Where this script came from: the default API host. */
const scriptOrigin = (() => {
  try {
    const s = document.currentScript as HTMLScriptElement | null;
    return s?.src ? new URL(s.src).origin : window.location.origin;
  } catch {
    return "";
  }
})();

let options: InitOptions | null = null;
let renderer: Renderer | null = null;

const newId = (): string => {
  try {
    return crypto.randomUUID();
  } catch {
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
  }
};

function base(): string {
  return (options?.host ?? scriptOrigin).replace(/\/+$/, "");
}

async function call(path: string, init: RequestInit = {}): Promise<unknown> {
  if (!options) throw new Error("call Holdfast.init({ publishableKey, identity }) first");
  const res = await fetch(`${base()}${path}`, {
    ...init,
    mode: "cors",
    credentials: "omit",
    headers: {
      "Holdfast-Publishable-Key": options.publishableKey,
      "Holdfast-Identity": options.identity,
      ...(init.body ? { "Content-Type": "application/json" } : {}),
    },
  });
  const body = (await res.json().catch(() => null)) as { message?: string } | null;
  if (!res.ok)
    throw new Error(`${path.split("?")[0]} answered ${res.status}: ${body?.message ?? res.statusText}`);
  return body;
}

async function respond(e: Experience, type: ResponseType, moment: string): Promise<void> {
  try {
    const answer = await call(`/v1/experiences/${encodeURIComponent(e.id)}/responses`, {
      method: "POST",
      body: JSON.stringify({ response_id: newId(), type, moment }),
    });
    if (type === "accept" && e.offer) renderer?.status(`Done: ${e.offer.terms}.`);
    try {
      options?.onResponse?.({ experience: e, type, answer });
      window.dispatchEvent(new CustomEvent("holdfast:response", { detail: { experience: e, type, answer } }));
    } catch (err) {
      warn(`a response listener failed: ${String(err)}`);
    }
  } catch (err) {
    warn(`could not record ${type}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Sets the publishable key and the end user's identity token (call again after sign-in). */
export function init(o: InitOptions): void {
  try {
    if (!o || typeof o.publishableKey !== "string" || typeof o.identity !== "string") {
      warn("init needs { publishableKey, identity } as strings");
      return;
    }
    if (options && options.identity !== o.identity) renderer?.clear();
    options = { ...o };
    renderer ??= new Renderer();
  } catch (err) {
    warn(`init failed: ${String(err)}`);
  }
}

/** Shows what the plays have for this end user at `name` (session_start, pricing_page, ...). Never rejects. */
export async function moment(name: string): Promise<Experience[]> {
  try {
    if (!options || !renderer) {
      warn("call Holdfast.init({ publishableKey, identity }) before Holdfast.moment()");
      return [];
    }
    const r = renderer;
    const list = (await call(`/v1/experiences?moment=${encodeURIComponent(name)}`)) as {
      items?: Experience[];
    };
    const shown: Experience[] = [];
    for (const e of list.items ?? []) {
      if (!r.show(e, (x, type) => void respond(x, type, name))) continue;
      shown.push(e);
      void respond(e, "impression", name);
    }
    return shown;
  } catch (err) {
    warn(`moment ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return [];
  }
}

/** Removes everything the snippet drew (sign-out). */
export function reset(): void {
  try {
    renderer?.clear();
    options = null;
  } catch (err) {
    warn(`reset failed: ${String(err)}`);
  }
}

export const version = VERSION;
