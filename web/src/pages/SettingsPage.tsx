import { useCallback } from "react";
import type { ApiKeyList, ConfigVersionList, ConfigView, JobsOverview } from "../api-types.ts";
import { ApiKeysPanel } from "../components/ApiKeysPanel.tsx";
import { ConfigEditor } from "../components/ConfigEditor.tsx";
import { ConfigHistory } from "../components/ConfigHistory.tsx";
import { JobsPanel } from "../components/JobsPanel.tsx";
import { ErrorNotice, Loading } from "../components/Status.tsx";
import { useApi } from "../useApi.ts";

/** Admin settings: the org's job queue, config versions and API keys (other roles get the API's 403). */
export function SettingsPage() {
  const config = useApi<ConfigView>("/v1/config");
  // The rest loads once the config answered, so a non-admin key is refused once, not three times.
  const allowed = config.data !== null;
  const versions = useApi<ConfigVersionList>(allowed ? "/v1/config/versions" : null);
  const jobs = useApi<JobsOverview>(allowed ? "/v1/jobs?limit=25" : null);
  const keys = useApi<ApiKeyList>(allowed ? "/v1/keys" : null);
  const { reload: reloadConfig } = config;
  const { reload: reloadVersions } = versions;
  const { reload: reloadJobs } = jobs;

  // A saved or reverted version changes the config, its history, and queues a refresh job.
  const onNewVersion = useCallback(() => {
    reloadConfig();
    reloadVersions();
    reloadJobs();
  }, [reloadConfig, reloadVersions, reloadJobs]);

  return (
    <section aria-labelledby="settings-title" className="settings">
      <div className="page-head">
        <h1 id="settings-title">Settings</h1>
        {config.data ? <p className="muted">Config version {config.data.version}</p> : null}
      </div>
      {config.error?.status === 403 ? (
        <>
          <ErrorNotice error={config.error} title="Settings need an admin key" />
          <p className="muted">
            The job queue, the org's config and its API keys are for admin keys only. Sign out and sign in
            with an admin key to see them.
          </p>
        </>
      ) : config.error ? (
        <ErrorNotice error={config.error} title="Could not load the settings" />
      ) : null}
      {config.loading && !config.data ? <Loading what="settings" /> : null}
      {config.data ? (
        <>
          <JobsPanel overview={jobs} />
          <section className="card" aria-labelledby="config-title">
            <h2 id="config-title">Config</h2>
            <div className="settings-grid">
              <ConfigEditor onSaved={(s) => !s.unchanged && onNewVersion()} />
              <div>
                <h3 id="effective-config-title">
                  Effective config{" "}
                  <span className="muted small">
                    (version {config.data.version}
                    {config.data.version === 0 ? ", the file defaults" : ""}; secrets redacted)
                  </span>
                </h3>
                <pre
                  className="json config-json"
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard
                  tabIndex={0}
                >
                  {JSON.stringify(config.data.config, null, 2)}
                </pre>
              </div>
            </div>
            <h3>Version history</h3>
            {versions.error ? (
              <ErrorNotice error={versions.error} title="Could not load the versions" />
            ) : null}
            {versions.loading && !versions.data ? <Loading what="versions" /> : null}
            {versions.data ? (
              <ConfigHistory
                items={versions.data.items}
                current={versions.data.items[0]?.version ?? 0}
                onReverted={onNewVersion}
              />
            ) : null}
          </section>
          <ApiKeysPanel keys={keys} />
        </>
      ) : null}
    </section>
  );
}
