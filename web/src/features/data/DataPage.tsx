import { useQuery } from "@tanstack/react-query";
import { queries } from "../../api/queries.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { ImportHistory } from "./ImportHistory.tsx";
import { UploadForm } from "./UploadForm.tsx";

export function DataPage() {
  const history = useQuery(queries.imports());
  return (
    <section aria-labelledby="data-title">
      <div className="page-head">
        <h1 id="data-title">Data</h1>
      </div>
      <UploadForm />
      <div className="card">
        <h2>Import history</h2>
        {history.error ? (
          <ErrorNotice
            error={history.error}
            title="Could not load the import history"
            onRetry={() => void history.refetch()}
          />
        ) : null}
        {history.isPending ? <Loading what="import history" /> : null}
        {history.data ? <ImportHistory items={history.data.items} /> : null}
      </div>
    </section>
  );
}
