/** What a migration may need to know about the dialect it runs on (its own file: no migration imports index.ts). */
export interface MigrationContext {
  /** Column type of an auto-assigned integer key: "integer" on SQLite, "serial" on PostgreSQL. */
  serial: "integer" | "serial";
}
