import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A small valid RavenStack dataset (two accounts, three subscriptions), as file texts. */
export function validRavenstack(): Record<string, string> {
  return {
    "ravenstack_accounts.csv": [
      "account_id,account_name,industry,country,signup_date,referral_source,plan_tier,seats,is_trial,churn_flag",
      "A-1,Company_1,EdTech,US,2024-01-10,partner,Pro,9,False,False",
      "A-2,Company_2,FinTech,IN,2024-02-11,organic,Basic,3,True,True",
    ].join("\n"),
    "ravenstack_subscriptions.csv": [
      "subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,is_trial,upgrade_flag,downgrade_flag,churn_flag,billing_frequency,auto_renew_flag",
      "S-1,A-1,2024-01-10,,Pro,9,1000,12000,False,False,False,False,monthly,True",
      "S-2,A-2,2024-02-11,2024-12-20,Basic,3,100,1200,True,False,True,True,monthly,False",
      "S-3,A-1,2024-03-01,,Enterprise,20,3000,36000,False,True,False,False,annual,True",
    ].join("\n"),
    "ravenstack_feature_usage.csv": [
      "usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs,error_count,is_beta_feature",
      "U-1,S-1,2024-12-30,feature_1,10,100,0,False",
      "U-2,S-1,2024-11-15,feature_1,20,100,1,False",
      "U-3,S-2,2024-11-10,feature_2,30,100,0,False",
      "U-4,S-3,2024-12-31,feature_3,5,100,4,True",
    ].join("\n"),
    "ravenstack_support_tickets.csv": [
      "ticket_id,account_id,submitted_at,closed_at,resolution_time_hours,priority,first_response_time_minutes,satisfaction_score,escalation_flag",
      "T-1,A-1,2024-12-20,2024-12-21 03:00:00,27.0,high,74,,False",
      "T-2,A-2,2024-12-28,2024-12-29 03:00:00,27.0,urgent,50,2.0,True",
    ].join("\n"),
    "ravenstack_churn_events.csv": [
      "churn_event_id,account_id,churn_date,reason_code,refund_amount_usd,preceding_upgrade_flag,preceding_downgrade_flag,is_reactivation,feedback_text",
      "C-1,A-2,2024-12-20,pricing,4.03,False,True,False,too expensive",
    ].join("\n"),
  };
}

/** Writes file texts (or raw bytes) into a new temp folder and returns its path. */
export function writeDir(files: Record<string, string | Uint8Array>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "holdfast-rs-"));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
