import type { ImportList } from "../api-types.ts";
import { ImportHistory } from "../components/ImportHistory.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { UploadForm } from "../components/UploadForm.tsx";
import { useApi } from "../useApi.ts";

export function DataPage() {
  const history = useApi<ImportList>("/v1/imports");
  return (
    <section aria-labelledby="data-title">
      <div className="page-head">
        <h1 id="data-title">Data</h1>
      </div>
      <UploadForm onDone={history.reload} />
      <div className="card">
        <h2>Import history</h2>
        {history.error ? <ErrorNotice error={history.error} /> : null}
        {history.loading && !history.data ? <Loading what="import history" /> : null}
        {history.data ? <ImportHistory items={history.data.items} /> : null}
      </div>
    </section>
  );
}
