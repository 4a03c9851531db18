import { csvRow } from "../../core/csv/cell.ts";
import { type CrmFormat, crmColumns, crmRecord } from "../../core/delivery/crm.ts";
import { crmFacts } from "../../store/delivery/crm-facts.ts";
import type { UseCaseContext } from "../context.ts";

/**
 * Every customer as a CRM import file: HubSpot company properties or Salesforce Account
 * fields (health, churn risk, tier, owner, last play; docs/webhooks.md), one row per customer.
 */
export async function exportCrmCsv(ctx: UseCaseContext, orgId: number, format: CrmFormat): Promise<string> {
  const cols = crmColumns(format);
  const facts = await crmFacts(ctx.db, orgId, null);
  const lines = [csvRow(cols)];
  for (const f of facts) {
    const r = crmRecord(format, f);
    lines.push(csvRow(cols.map((c) => r[c] ?? "")));
  }
  return lines.join("");
}
