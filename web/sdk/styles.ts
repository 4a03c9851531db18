/** The snippet's styles, scoped by its shadow root (nothing leaks into or out of the host page). */
export const CSS = `
:host { all: initial; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.hf-card { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; max-width: 360px; width: calc(100vw - 32px);
  background: #fff; color: #1a1a2e; border: 1px solid #d0d4e0; border-radius: 10px; padding: 16px;
  box-shadow: 0 8px 28px rgba(20, 20, 50, 0.18); animation: hf-in 0.18s ease-out; }
.hf-stack { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; flex-direction: column;
  gap: 12px; max-width: 360px; width: calc(100vw - 32px); }
.hf-stack .hf-card { position: static; width: 100%; }
.hf-overlay { position: fixed; inset: 0; z-index: 2147483001; background: rgba(15, 15, 35, 0.55);
  display: flex; align-items: center; justify-content: center; padding: 16px; animation: hf-fade 0.18s ease-out; }
.hf-overlay.hf-wall { background: rgba(15, 15, 35, 0.85); }
.hf-dialog { background: #fff; color: #1a1a2e; border-radius: 12px; padding: 24px; max-width: 440px; width: 100%;
  box-shadow: 0 16px 48px rgba(0, 0, 0, 0.3); animation: hf-in 0.2s ease-out; }
h2 { font-size: 18px; line-height: 1.3; margin: 0 0 8px; }
p { font-size: 14px; line-height: 1.5; margin: 0 0 12px; }
.hf-terms { font-weight: 600; }
ol, ul { margin: 0 0 12px; padding-left: 20px; font-size: 14px; line-height: 1.6; }
ul.hf-check { list-style: none; padding-left: 0; }
label { display: flex; gap: 8px; align-items: center; }
.hf-actions { display: flex; gap: 8px; flex-wrap: wrap; justify-content: flex-end; }
button { font: inherit; font-size: 14px; border-radius: 6px; padding: 8px 14px; cursor: pointer; border: 1px solid #4338ca; }
button.hf-primary { background: #4338ca; color: #fff; }
button.hf-secondary { background: #fff; color: #4338ca; }
button:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.hf-status { position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 2147483002;
  background: #065f46; color: #fff; padding: 10px 16px; border-radius: 8px; font-size: 14px; }
.hf-step { font-size: 12px; color: #555a6e; margin: 0 0 4px; }
@keyframes hf-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
@keyframes hf-fade { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) {
  .hf-card, .hf-overlay, .hf-dialog { animation: none; }
}
`;
