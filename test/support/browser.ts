import { type Browser, chromium } from "playwright-core";

/**
 * Debian's Chromium, headless, as root, with the background traffic this closed network refuses
 * switched off (the same flags on every browser test).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
