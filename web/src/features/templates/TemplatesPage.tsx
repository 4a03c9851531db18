import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { type ApiError, toApiError } from "../../api/http.ts";
import { ErrorNotice, Loading } from "../../ui/Status.tsx";
import {
  type TemplateBody,
  type TemplateView,
  templateApi,
  templateQueries,
  templatesKey,
} from "./templates-api.ts";
import "./templates.css";

/** The editor's text, sent for preview a moment after typing stops. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function Editor({ template, variables }: { template: TemplateView; variables: Record<string, string> }) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState<TemplateBody>({
    subject: template.subject,
    html: template.html,
    text: template.text,
  });
  const [reason, setReason] = useState("");
  const [customerId, setCustomerId] = useState("");
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const customers = useQuery(templateQueries.customers());
  useEffect(() => {
    const first = customers.data?.items[0]?.customer_id;
    if (first && customerId === "") setCustomerId(first);
  }, [customers.data, customerId]);
  const debounced = useDebounced(draft, 400);
  const preview = useQuery({
    ...templateQueries.preview(template.action, customerId, debounced),
    placeholderData: keepPreviousData,
  });
  const save = useMutation({
    mutationFn: () => templateApi.save(template.action, { ...draft, reason }),
    onSuccess: (v) => {
      setSaveError(null);
      setReason("");
      setSaved(`Saved version ${v.version}.`);
      void qc.invalidateQueries({ queryKey: templatesKey });
    },
    onError: (e) => {
      setSaved(null);
      setSaveError(toApiError(e));
    },
  });
  const sms = template.channel === "sms";
  const field = (name: keyof TemplateBody, label: string, rows: number) => {
    const id = `tpl-${name}`;
    return (
      <div className="tpl-field">
        <label htmlFor={id}>{label}</label>
        {rows === 1 ? (
          <input
            id={id}
            value={draft[name]}
            onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
          />
        ) : (
          <textarea
            id={id}
            rows={rows}
            value={draft[name]}
            onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
          />
        )}
      </div>
    );
  };
  return (
    <div className="tpl-grid">
      <section className="card" aria-labelledby="tpl-edit-title">
        <h2 id="tpl-edit-title">
          {template.action}{" "}
          <small>
            ({template.channel}, {template.version === 0 ? "shipped default" : `version ${template.version}`})
          </small>
        </h2>
        {template.version > 0 ? (
          <p className="tpl-meta">
            Last saved by {template.author} ({template.reason})
          </p>
        ) : null}
        {sms ? null : field("subject", "Subject", 1)}
        {sms ? null : field("html", "HTML body", 10)}
        {field("text", sms ? "Message (the opt-out text is appended)" : "Text body", sms ? 4 : 8)}
        <form
          className="tpl-save"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <label className="tpl-field">
            <span>Reason for the change</span>
            <input value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={500} />
          </label>
          <button type="submit" disabled={save.isPending || reason.trim() === ""}>
            Save new version
          </button>
        </form>
        {saved ? <p role="status">{saved}</p> : null}
        {saveError ? <ErrorNotice error={saveError} /> : null}
        <details className="tpl-vars">
          <summary>Variables</summary>
          <dl>
            {Object.entries(variables).map(([k, v]) => (
              <div key={k}>
                <dt>
                  <code>{`{{${k}}}`}</code>
                </dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      </section>
      <section className="card" aria-labelledby="tpl-preview-title">
        <h2 id="tpl-preview-title">Preview</h2>
        <label className="tpl-field">
          <span>Customer</span>
          <input
            list="tpl-customers"
            value={customerId}
            onChange={(e) => setCustomerId(e.target.value)}
            aria-describedby="tpl-customer-help"
          />
          <datalist id="tpl-customers">
            {customers.data?.items.map((c) => (
              <option key={c.customer_id} value={c.customer_id}>
                {c.account_name ?? c.customer_id}
              </option>
            ))}
          </datalist>
        </label>
        <p id="tpl-customer-help" className="tpl-meta">
          Rendered with this customer's data; an offer shows example terms.
        </p>
        {preview.isError ? <ErrorNotice error={toApiError(preview.error)} /> : null}
        {preview.data ? (
          <div className="tpl-preview" data-testid="template-preview">
            <p>
              <strong>To:</strong> {preview.data.to ?? "(no address on file)"}
            </p>
            {sms ? null : (
              <p>
                <strong>Subject:</strong> <span data-testid="preview-subject">{preview.data.subject}</span>
              </p>
            )}
            {sms ? null : (
              <iframe title="HTML body preview" sandbox="" srcDoc={preview.data.html} className="tpl-frame" />
            )}
            <pre className="tpl-text">{preview.data.text}</pre>
          </div>
        ) : preview.isFetching ? (
          <Loading />
        ) : null}
      </section>
    </div>
  );
}

/** Templates: every email and SMS action's template, an editor and a live preview with a real customer. */
export function TemplatesPage() {
  const list = useQuery(templateQueries.list());
  const [action, setAction] = useState<string | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorNotice error={toApiError(list.error)} />;
  const templates = list.data.templates;
  const current = templates.find((t) => t.action === action) ?? templates[0];
  return (
    <div className="page templates-page">
      <h1>Message templates</h1>
      <p className="tpl-meta">
        The email and SMS each play step sends. Values are HTML-escaped; a template with an unknown variable
        or bad syntax is refused when saved. Every save is a new version.
      </p>
      <label className="tpl-field tpl-pick">
        <span>Action</span>
        <select value={current?.action ?? ""} onChange={(e) => setAction(e.target.value)}>
          {templates.map((t) => (
            <option key={t.action} value={t.action}>
              {t.action} ({t.channel}
              {t.version > 0 ? `, v${t.version}` : ""})
            </option>
          ))}
        </select>
      </label>
      {current ? <Editor key={current.action} template={current} variables={list.data.variables} /> : null}
    </div>
  );
}
