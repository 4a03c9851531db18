/** Roles of API keys and what each may do (SPEC section 11). */
export const ROLES = ["admin", "manager", "csm", "viewer", "ingest"] as const;
export type Role = (typeof ROLES)[number];

export type Permission = "read" | "act" | "import" | "ingest" | "admin";

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ["read", "act", "import", "ingest", "admin"],
  manager: ["read", "act", "import"],
  csm: ["read", "act"],
  viewer: ["read"],
  ingest: ["ingest"],
};

export const can = (role: Role, p: Permission): boolean => GRANTS[role].includes(p);
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);
