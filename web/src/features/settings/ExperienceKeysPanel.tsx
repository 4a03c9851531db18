import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { ExperienceKeysView } from "../../../../src/contracts/experiences.ts";
import { type ApiError, apiJson, toApiError } from "../../api/http.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { fmtDateTime } from "../../ui/format.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";

const KEY = ["experience-keys"] as const;

/**
 * In-app experiences (docs/in-app.md): the publishable key the browser snippet sends, and the
 * identity secret the host app's backend signs end users with, shown only when created or rotated.
 */
export function ExperienceKeysPanel() {
  const id = useId();
  const client = useQueryClient();
  const keys = useQuery<ExperienceKeysView, ApiError>({
    queryKey: KEY,
    queryFn: () => apiJson<ExperienceKeysView>("/v1/experience-keys"),
  });
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: () => apiJson<ExperienceKeysView>("/v1/experience-keys/rotate", { method: "POST" }),
    onSuccess: (k) => {
      setSecret(k.identity_secret);
      client.setQueryData(KEY, k);
    },
  });
  const shown = secret ?? keys.data?.identity_secret ?? null;

  const onRotate = () => {
    if (
      !window.confirm(
        "Rotate the identity secret? Tokens your backend signs with the current one stop working at once.",
      )
    )
      return;
    rotate.mutate();
  };

  return (
    <section className="card experience-keys" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>In-app experiences</h2>
      <p className="muted">
        Add <code>/sdk.js</code> to your product with the publishable key; your backend signs each signed-in
        user with the identity secret (see docs/in-app.md). The secret never goes to a browser.
      </p>
      {keys.error ? <ErrorNotice error={keys.error} title="Could not load the in-app keys" /> : null}
      {keys.isPending && !keys.error ? <Loading what="in-app keys" /> : null}
      {keys.data ? (
        <dl className="figures">
          <div>
            <dt>Publishable key</dt>
            <dd>
              <code>{keys.data.publishable_key}</code>{" "}
              <CopyButton text={keys.data.publishable_key} what="the publishable key" />
            </dd>
          </div>
          <div>
            <dt>Identity secret</dt>
            <dd>
              {shown
                ? "displayed below, this time only"
                : `set ${fmtDateTime(keys.data.secret_rotated_at)} (hidden)`}
            </dd>
          </div>
        </dl>
      ) : null}
      {shown ? (
        <div className="notice notice-ok" role="status">
          <p>
            <strong>Identity secret:</strong> copy it to your backend's configuration now: Holdfast will not
            display it again.
          </p>
          <p className="new-key">
            <label htmlFor={`${id}-secret`} className="visually-hidden">
              Identity secret
            </label>
            <input id={`${id}-secret`} className="mono" readOnly value={shown} size={50} />{" "}
            <CopyButton text={shown} what="the identity secret" />
          </p>
        </div>
      ) : null}
      {rotate.error ? <ErrorNotice error={toApiError(rotate.error)} title="Secret not rotated" /> : null}
      <div className="form-actions">
        <button type="button" onClick={onRotate} disabled={rotate.isPending || !keys.data}>
          Rotate identity secret
        </button>
      </div>
    </section>
  );
}
