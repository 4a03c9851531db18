import { CSS } from "./styles.ts";
import type { Experience, ResponseType } from "./types.ts";

/**
 * Draws experiences in a shadow root: cards (banner, walkthrough, checklist) in a stack at the
 * bottom right, and at most one dialog (modal offer, wall) with a focus trap; Esc closes the
 * dialog, every control is a real button, animations stop under prefers-reduced-motion.
 */

export type Answer = (e: Experience, type: ResponseType) => void;

const FOCUSABLE = "button, input, [href], [tabindex]:not([tabindex='-1'])";

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, cls: string, onClick: () => void, attrs: Record<string, string> = {}) {
  const b = el("button", { type: "button", class: cls, ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

export class Renderer {
  private root: ShadowRoot | null = null;
  private host: HTMLElement | null = null;
  private stack: HTMLElement | null = null;
  private dialog: { node: HTMLElement; restore: Element | null } | null = null;
  private readonly shown = new Set<string>();

  private ensure(): ShadowRoot {
    if (this.root && this.host?.isConnected) return this.root;
    this.host = el("div", { "data-holdfast": "experiences" });
    document.body.appendChild(this.host);
    const root = this.host.attachShadow({ mode: "open" });
    // A constructed stylesheet is not blocked by a strict style-src CSP; older browsers get a <style>.
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } catch {
      root.appendChild(el("style", {}, CSS));
    }
    this.stack = el("div", { class: "hf-stack" });
    root.appendChild(this.stack);
    this.root = root;
    return root;
  }

  hasDialog(): boolean {
    return this.dialog !== null;
  }

  isShown(id: string): boolean {
    return this.shown.has(id);
  }

  clear(): void {
    this.closeDialog();
    this.host?.remove();
    this.host = null;
    this.root = null;
    this.stack = null;
    this.shown.clear();
  }

  /** Draws one experience; false when it is not drawn (a dialog is already open, or it is shown). */
  show(e: Experience, answer: Answer): boolean {
    if (this.shown.has(e.id)) return false;
    const modal = e.kind === "modal_offer" || e.kind === "wall";
    if (modal && this.dialog) return false;
    const root = this.ensure();
    this.shown.add(e.id);
    const titleId = `hf-title-${e.id}`;
    const content = el("div");
    content.appendChild(el("h2", { id: titleId }, e.title));
    content.appendChild(el("p", {}, e.body));
    if (e.offer) {
      const ends = new Date(e.offer.expires_at);
      const day = Number.isNaN(ends.getTime()) ? e.offer.expires_at : ends.toLocaleDateString();
      content.appendChild(el("p", { class: "hf-terms" }, `Offer open until ${day}`));
    }
    const close = (node: HTMLElement) => {
      if (modal) this.closeDialog();
      else node.remove();
    };
    const primaryType: ResponseType = e.offer ? "accept" : "cta";
    const actions = el("div", { class: "hf-actions" });

    if (modal) {
      const overlay = el("div", { class: `hf-overlay${e.kind === "wall" ? " hf-wall" : ""}` });
      const dialog = el("div", {
        class: "hf-dialog",
        role: e.kind === "wall" ? "alertdialog" : "dialog",
        "aria-modal": "true",
        "aria-labelledby": titleId,
        "data-experience": e.id,
        "data-kind": e.kind,
      });
      const dismiss = () => {
        close(overlay);
        answer(e, "dismiss");
      };
      actions.append(
        button(e.dismiss, "hf-secondary", dismiss),
        button(e.cta, "hf-primary", () => {
          close(overlay);
          answer(e, primaryType);
        }),
      );
      content.appendChild(actions);
      dialog.appendChild(content);
      overlay.appendChild(dialog);
      dialog.addEventListener("keydown", (ev) => {
        if (ev.key === "Escape") {
          ev.preventDefault();
          dismiss();
        } else if (ev.key === "Tab") this.trap(dialog, ev);
      });
      root.appendChild(overlay);
      this.dialog = { node: overlay, restore: document.activeElement };
      (dialog.querySelector("button.hf-primary") as HTMLElement | null)?.focus();
      return true;
    }

    const card = el("section", {
      class: "hf-card",
      "aria-labelledby": titleId,
      "data-experience": e.id,
      "data-kind": e.kind,
    });
    if (e.kind === "checklist") {
      const list = el("ul", { class: "hf-check" });
      e.items.forEach((item, i) => {
        const li = el("li");
        const label = el("label");
        label.append(el("input", { type: "checkbox", id: `hf-${e.id}-${i}` }), document.createTextNode(item));
        li.appendChild(label);
        list.appendChild(li);
      });
      content.appendChild(list);
    }
    let step = 0;
    const stepText = el("p", { class: "hf-step", "aria-live": "polite" });
    const stepItem = el("p");
    if (e.kind === "walkthrough" && e.items.length > 0) {
      stepText.textContent = `Step 1 of ${e.items.length}`;
      stepItem.textContent = e.items[0]!;
      content.append(stepText, stepItem);
    }
    const primary = button(
      e.kind === "walkthrough" && e.items.length > 1 ? "Next" : e.cta,
      "hf-primary",
      () => {
        if (e.kind === "walkthrough" && step < e.items.length - 1) {
          step++;
          stepText.textContent = `Step ${step + 1} of ${e.items.length}`;
          stepItem.textContent = e.items[step]!;
          if (step === e.items.length - 1) primary.textContent = e.cta;
          return;
        }
        close(card);
        answer(e, primaryType);
      },
    );
    actions.append(
      button(e.dismiss, "hf-secondary", () => {
        close(card);
        answer(e, "dismiss");
      }),
      primary,
    );
    content.appendChild(actions);
    card.appendChild(content);
    this.stack!.appendChild(card);
    return true;
  }

  /** A short confirmation (role=status), gone after a few seconds. */
  status(text: string): void {
    const root = this.ensure();
    const s = el("div", { class: "hf-status", role: "status" }, text);
    root.appendChild(s);
    setTimeout(() => s.remove(), 6000);
  }

  private closeDialog(): void {
    if (!this.dialog) return;
    const { node, restore } = this.dialog;
    node.remove();
    this.dialog = null;
    if (restore instanceof HTMLElement && restore.isConnected) restore.focus();
  }

  /** Keeps Tab and Shift+Tab inside the open dialog. */
  private trap(dialog: HTMLElement, ev: KeyboardEvent): void {
    const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = (this.root?.activeElement ?? null) as HTMLElement | null;
    if (ev.shiftKey && (active === first || !items.includes(active!))) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && (active === last || !items.includes(active!))) {
      ev.preventDefault();
      first.focus();
    }
  }
}
