import type { Kysely } from "kysely";
import type { Migration, MigrationProvider } from "kysely/migration";
import * as m001 from "./001-initial.ts";
import * as m002 from "./002-api.ts";
import * as m003 from "./003-ticket-text.ts";
import * as m004 from "./004-events.ts";
import * as m005 from "./005-score-rank-partial.ts";
import * as m006 from "./006-score-pipeline.ts";
import * as m007 from "./007-jobs-config.ts";
import * as m008 from "./008-keys.ts";
import * as m009 from "./009-customer-status.ts";
import * as m010 from "./010-plays.ts";
import * as m011 from "./011-customer-facets.ts";
import * as m012 from "./012-delivery.ts";
import * as m013 from "./013-messaging.ts";
import * as m014 from "./014-experiences.ts";
import * as m015 from "./015-models.ts";
import * as m016 from "./016-mrr-renewals.ts";
import * as m017 from "./017-plays-timers.ts";
import * as m018 from "./018-offers-per-customer.ts";
import * as m019 from "./019-customer-facet-cells.ts";
import * as m020 from "./020-ticket-corrections.ts";
import type { MigrationContext } from "./context.ts";

export type { MigrationContext } from "./context.ts";

type MigrationModule = { up: (db: Kysely<unknown>, ctx: MigrationContext) => Promise<void> };
const MIGRATIONS: Record<string, MigrationModule> = {
  "001-initial": m001,
  "002-api": m002,
  "003-ticket-text": m003,
  "004-events": m004,
  "005-score-rank-partial": m005,
  "006-score-pipeline": m006,
  "007-jobs-config": m007,
  "008-keys": m008,
  "009-customer-status": m009,
  "010-plays": m010,
  "011-customer-facets": m011,
  "012-delivery": m012,
  "013-messaging": m013,
  "014-experiences": m014,
  "015-models": m015,
  "016-mrr-renewals": m016,
  "017-plays-timers": m017,
  "018-offers-per-customer": m018,
  "019-customer-facet-cells": m019,
  "020-ticket-corrections": m020,
};

export function migrationProvider(ctx: MigrationContext): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => m.up(db, ctx) };
      return out;
    },
  };
}
