import { type FormEvent, useId, useState } from "react";
import { signIn } from "./auth.ts";

/** Asks for an API key; shown when none is stored or the API refused the stored one. */
export function SignIn({ message }: { message: string | null }) {
  const [key, setKey] = useState("");
  const inputId = useId();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    signIn(key);
  };
  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={onSubmit}>
        <h1>Holdfast</h1>
        <p className="muted">Sign in with an API key to see your customers' churn risk.</p>
        {message ? (
          <p className="notice notice-error" role="alert">
            {message}
          </p>
        ) : null}
        <label htmlFor={inputId}>API key</label>
        <input
          id={inputId}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
        />
        <button type="submit" className="primary">
          Sign in
        </button>
        <p className="muted small">
          Create a key with <code>npx holdfast keys create</code>.
        </p>
      </form>
    </main>
  );
}
