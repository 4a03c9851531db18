import { Link } from "@tanstack/react-router";

/** A customer in a plays table: its name linking to its brief, the id below. */
export function CustomerCell({ id, name }: { id: string; name?: string | null | undefined }) {
  return (
    <>
      <Link to="/customers/$customerId" params={{ customerId: id }} search={{}}>
        {name ?? id}
      </Link>
      {name ? <span className="muted small block mono">{id}</span> : null}
    </>
  );
}
