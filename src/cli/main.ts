#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { HoldfastError } from "../core/errors.ts";
import { registerBackup } from "./commands/backup.ts";
import { registerConfig } from "./commands/config.ts";
import { registerCustomers } from "./commands/customers.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerEvaluate } from "./commands/evaluate.ts";
import { registerExperiences } from "./commands/experiences.ts";
import { registerHistory } from "./commands/history.ts";
import { registerImport } from "./commands/import.ts";
import { registerJobs } from "./commands/jobs.ts";
import { registerKeys } from "./commands/keys.ts";
import { registerModel } from "./commands/model.ts";
import { registerModelRegistry } from "./commands/model-registry.ts";
import { registerOrgs } from "./commands/orgs.ts";
import { registerOutbox } from "./commands/outbox.ts";
import { registerPlays } from "./commands/plays.ts";
import { registerRenewals } from "./commands/renewals.ts";
import { registerReport } from "./commands/report.ts";
import { registerReportRetention } from "./commands/report-retention.ts";
import { registerScore } from "./commands/score.ts";
import { registerServe } from "./commands/serve.ts";
import { registerSigninLink } from "./commands/signin-link.ts";
import { registerTemplates } from "./commands/templates.ts";
import { registerTickets } from "./commands/tickets.ts";
import { registerWorker } from "./commands/worker.ts";

const program = new Command("holdfast")
  .description("Churn prediction and retention automation for subscription businesses")
  .showHelpAfterError()
  .exitOverride();
for (const register of [
  registerImport,
  registerScore,
  registerReport,
  registerReportRetention,
  registerRenewals,
  registerDemo,
  registerServe,
  registerOrgs,
  registerKeys,
  registerSigninLink,
  registerTickets,
  registerEvaluate,
  registerWorker,
  registerJobs,
  registerOutbox,
  registerTemplates,
  registerConfig,
  registerBackup,
  registerHistory,
  registerCustomers,
  registerPlays,
  registerExperiences,
  registerModel,
  registerModelRegistry,
]) {
  register(program);
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof HoldfastError) {
    console.error(`holdfast: ${e.message}`);
    for (const d of e.details) console.error(`  ${d}`);
    process.exit(1);
  }
  throw e;
}
