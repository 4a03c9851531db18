import {
  CELL_FACETS,
  CELL_INSERT_COLUMNS,
  CELL_UPSERT,
  cellDeltaExprs,
  cellKeyExpr,
} from "../facet-cell-columns.ts";

/**
 * The triggers that keep `customer_facet_cells` (migration 019) in step with `customers`, in the
 * writer's transaction. SQLite: row triggers (in process, a primary-key upsert per changed row;
 * an update fires only when a facet column, the ARR or a driver mask changes). PostgreSQL:
 * statement triggers over the transition tables, so a bulk write (the saver's chunked update, an
 * import's insert) is one grouped upsert, its cells taken in key order (no deadlock between two
 * writers), instead of one upsert per row.
 */
export function facetCellTriggers(dialect: "sqlite" | "postgres"): string[] {
  const cols = CELL_INSERT_COLUMNS.join(", ");
  const facets = (x: string) => CELL_FACETS.map((f) => `${x}.${f}`).join(", ");
  if (dialect === "sqlite") {
    const upsert = (x: string, sign: string) =>
      `insert into customer_facet_cells (${cols}) values (${x}.org_id, ${cellKeyExpr(x)}, ${facets(x)}, ${cellDeltaExprs(x, sign, (e) => e).join(", ")}) ${CELL_UPSERT};`;
    const watched = [...CELL_FACETS, "arr", "drv_churn_risk", "drv_early_warning", "org_id"];
    const changed = watched.map((c) => `old.${c} is not new.${c}`).join(" or ");
    // A cell no customer has any more is deleted, so the table is exactly a rebuild's.
    const prune = (x: string) =>
      `delete from customer_facet_cells where org_id = ${x}.org_id and cell_key = ${cellKeyExpr(x)} and n = 0;`;
    return [
      `create trigger customer_facet_cells_ins after insert on customers begin ${upsert("new", "1")} end`,
      `create trigger customer_facet_cells_del after delete on customers begin ${upsert("old", "-1")} ${prune("old")} end`,
      `create trigger customer_facet_cells_upd after update on customers when ${changed} begin ${upsert("old", "-1")} ${prune("old")} ${upsert("new", "1")} end`,
    ];
  }
  // One grouped delta per cell (an update's unchanged rows cancel out and are left out), upserted
  // in key order; the cells left empty are then deleted, so the table is exactly a rebuild's.
  const deltas = cellDeltaExprs("t", "t.s", (e) => `sum(${e})`);
  const apply = (from: string) =>
    `with up as (insert into customer_facet_cells (${cols}) select t.org_id, ${cellKeyExpr("t")}, ${facets("t")}, ${deltas.join(", ")} from (${from}) t group by t.org_id, ${facets("t")} having ${deltas.map((d) => `${d} <> 0`).join(" or ")} order by 1, 2 ${CELL_UPSERT} returning org_id, cell_key, n)
    select array_agg(org_id), array_agg(cell_key) into orgs, keys from up where n = 0;
    if keys is not null then
      delete from customer_facet_cells c using unnest(orgs, keys) as z(o, k) where c.org_id = z.o and c.cell_key = z.k and c.n = 0;
    end if;`;
  const fn = (name: string, from: string) =>
    `create function ${name}() returns trigger language plpgsql as $$ declare orgs integer[]; keys text[]; begin ${apply(from)} return null; end $$`;
  return [
    fn("customer_facet_cells_ins", "select n.*, 1 as s from customer_facet_new n"),
    fn("customer_facet_cells_del", "select o.*, -1 as s from customer_facet_old o"),
    fn(
      "customer_facet_cells_upd",
      "select n.*, 1 as s from customer_facet_new n union all select o.*, -1 as s from customer_facet_old o",
    ),
    "create trigger customer_facet_cells_ins after insert on customers referencing new table as customer_facet_new for each statement execute function customer_facet_cells_ins()",
    "create trigger customer_facet_cells_del after delete on customers referencing old table as customer_facet_old for each statement execute function customer_facet_cells_del()",
    "create trigger customer_facet_cells_upd after update on customers referencing old table as customer_facet_old new table as customer_facet_new for each statement execute function customer_facet_cells_upd()",
  ];
}
