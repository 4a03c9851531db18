import { useQuery } from "@tanstack/react-query";
import { queries } from "../../api/queries.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import { ApiKeysPanel } from "./ApiKeysPanel.tsx";
import { ConfigEditor } from "./ConfigEditor.tsx";
import { ConfigHistory } from "./ConfigHistory.tsx";
import { ExperienceKeysPanel } from "./ExperienceKeysPanel.tsx";
import { JobsPanel } from "./JobsPanel.tsx";

/** Admin settings: the org's job queue, config versions and API keys (other roles get the API's 403). */
export function SettingsPage() {
  const config = useQuery(queries.config());
  // The rest loads once the config answered, so a non-admin key is refused once, not three times.
  const allowed = config.data !== undefined;
  const versions = useQuery({ ...queries.configVersions(), enabled: allowed });
  const jobs = useQuery({ ...queries.jobs({ limit: 25 }), enabled: allowed });
  const keys = useQuery({ ...queries.apiKeys(), enabled: allowed });

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
      {config.isPending && !config.error ? <Loading what="settings" /> : null}
      {config.data ? (
        <>
          <JobsPanel overview={jobs} />
          <section className="card" aria-labelledby="config-title">
            <h2 id="config-title">Config</h2>
            <div className="settings-grid">
              <ConfigEditor />
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
            {versions.isPending && !versions.error ? <Loading what="versions" /> : null}
            {versions.data ? (
              <ConfigHistory items={versions.data.items} current={versions.data.items[0]?.version ?? 0} />
            ) : null}
          </section>
          <ApiKeysPanel keys={keys} />
          <ExperienceKeysPanel />
        </>
      ) : null}
    </section>
  );
}
