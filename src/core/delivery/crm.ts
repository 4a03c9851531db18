/**
 * CRM field mapping (docs/webhooks.md): one customer's health, churn risk, tier, owner and last
 * play as HubSpot company properties or Salesforce Account fields. Pure; used by webhook
 * endpoints with `format: "hubspot" | "salesforce"` and by the CSV export.
 */

export interface CrmFacts {
  customerId: string;
  accountId: string;
  name: string;
  owner: string | null;
  tier: string | null;
  arr: number;
  status: string | null;
  healthScore: number | null;
  healthLevel: string | null;
  churnRiskScore: number | null;
  churnRiskLevel: string | null;
  lastPlay: string | null;
  lastPlayAt: string | null;
}

export type CrmFormat = "hubspot" | "salesforce";

type Cell = string | number | null;

/** HubSpot company property names (custom properties, `holdfast_` prefix, lowercase snake). */
const HUBSPOT: readonly [string, (f: CrmFacts) => Cell][] = [
  ["holdfast_customer_id", (f) => f.customerId],
  ["domain_account_id", (f) => f.accountId],
  ["name", (f) => f.name],
  ["holdfast_health_score", (f) => f.healthScore],
  ["holdfast_health_level", (f) => f.healthLevel],
  ["holdfast_churn_risk_score", (f) => f.churnRiskScore],
  ["holdfast_churn_risk_level", (f) => f.churnRiskLevel],
  ["holdfast_tier", (f) => f.tier],
  ["holdfast_owner", (f) => f.owner],
  ["holdfast_last_play", (f) => f.lastPlay],
  ["holdfast_last_play_date", (f) => f.lastPlayAt?.slice(0, 10) ?? null],
  ["holdfast_status", (f) => f.status],
  ["annualrevenue", (f) => Math.round(f.arr)],
];

/** Salesforce Account fields (custom fields end in `__c`; the external id matches the account). */
const SALESFORCE: readonly [string, (f: CrmFacts) => Cell][] = [
  ["Holdfast_Customer_Id__c", (f) => f.customerId],
  ["AccountNumber", (f) => f.accountId],
  ["Name", (f) => f.name],
  ["Holdfast_Health_Score__c", (f) => f.healthScore],
  ["Holdfast_Health__c", (f) => f.healthLevel],
  ["Holdfast_Churn_Risk_Score__c", (f) => f.churnRiskScore],
  ["Holdfast_Churn_Risk__c", (f) => f.churnRiskLevel],
  ["Holdfast_Tier__c", (f) => f.tier],
  ["Holdfast_Owner__c", (f) => f.owner],
  ["Holdfast_Last_Play__c", (f) => f.lastPlay],
  ["Holdfast_Last_Play_Date__c", (f) => f.lastPlayAt?.slice(0, 10) ?? null],
  ["Holdfast_Status__c", (f) => f.status],
  ["AnnualRevenue", (f) => Math.round(f.arr)],
];

const FIELDS: Record<CrmFormat, readonly [string, (f: CrmFacts) => Cell][]> = {
  hubspot: HUBSPOT,
  salesforce: SALESFORCE,
};

/** The CSV header of a format, in column order. */
export const crmColumns = (format: CrmFormat): string[] => FIELDS[format].map(([k]) => k);

/** One customer as the CRM's record. */
export function crmRecord(format: CrmFormat, f: CrmFacts): Record<string, Cell> {
  return Object.fromEntries(FIELDS[format].map(([k, get]) => [k, get(f)]));
}

/**
 * A webhook body in a CRM's shape: HubSpot's batch-update input (`{inputs:[{id, idProperty,
 * properties}]}`), Salesforce's upsert by external id (`{attributes, ...fields}`), with the
 * event that caused it beside, so a middleware can route it.
 */
export function crmBody(
  format: CrmFormat,
  f: CrmFacts,
  event: { id: string; type: string; version: number },
) {
  const record = crmRecord(format, f);
  if (format === "hubspot")
    return {
      event,
      inputs: [
        {
          id: f.customerId,
          idProperty: "holdfast_customer_id",
          properties: Object.fromEntries(
            Object.entries(record).filter(([k]) => k !== "holdfast_customer_id"),
          ),
        },
      ],
    };
  return {
    event,
    sobject: "Account",
    externalIdField: "Holdfast_Customer_Id__c",
    record: { attributes: { type: "Account" }, ...record },
  };
}
