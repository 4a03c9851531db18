/** One changed setting: its dotted path and the values before and after (undefined: absent). */
export interface ConfigChange {
  path: string;
  from: unknown;
  to: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Settings whose values are secrets: shown as "[redacted]" in every diff, listing and answer. */
export const SECRET_PATHS: readonly string[] = [
  "tickets.apiKey",
  "delivery.slack.webhookUrl",
  // A map of owner -> Slack webhook URL: every value is a secret.
  "delivery.slack.ownerWebhookUrls",
];

/** A setting is secret when it is one of SECRET_PATHS or inside one (a map's entries). */
const isSecret = (path: string) => SECRET_PATHS.some((p) => path === p || path.startsWith(`${p}.`));
export const REDACTED = "[redacted]";

/**
 * The settings that differ between two configs, leaf by leaf, in path order. Arrays are one
 * value (a changed tier list is one change, as an operator edits it).
 */
export function diffConfig(before: unknown, after: unknown, prefix = ""): ConfigChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffConfig(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const secret = isSecret(prefix);
  return [
    {
      path: prefix,
      from: secret && before !== undefined ? REDACTED : before,
      to: secret && after !== undefined ? REDACTED : after,
    },
  ];
}

/** A copy of the config with its secrets replaced by "[redacted]". */
export function redactConfig<T>(config: T): T {
  const copy = structuredClone(config) as Record<string, unknown>;
  for (const path of SECRET_PATHS) {
    const parts = path.split(".");
    let node: unknown = copy;
    for (const p of parts.slice(0, -1)) node = isObject(node) ? node[p] : undefined;
    const last = parts.at(-1)!;
    if (!isObject(node) || node[last] === undefined) continue;
    const v = node[last];
    node[last] = isObject(v) ? Object.fromEntries(Object.keys(v).map((k) => [k, REDACTED])) : REDACTED;
  }
  return copy as T;
}

/** `{a: {b: 1}}` from the path "a.b" and the value 1 (for `holdfast config set a.b 1`). */
export function patchAt(path: string, value: unknown): Record<string, unknown> {
  const parts = path.split(".").filter((p) => p !== "");
  return parts.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}
