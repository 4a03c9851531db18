import { parseConfig } from "../../src/core/config.ts";
import type { Db } from "../../src/store/open-store.ts";
import type { UseCaseContext } from "../../src/usecases/context.ts";

/** The use-case context of a test: its store, a fixed clock, and the default config unless given. */
export function testContext(db: Db, now: () => Date, defaults = parseConfig({})): UseCaseContext {
  return { db, defaults, now };
}
