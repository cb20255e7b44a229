import type { ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';

interface Props {
  error?: ApiError;
  busy: boolean;
  label: string;
  busyLabel: string;
  /** The success message; empty while there is none. Rendered in a live region that exists before it speaks, so it is announced. */
  done: string;
}

/** The end of an account form: the server's refusal, the submit button, the success message. */
export function FormEnd({ error, busy, label, busyLabel, done }: Props) {
  return (
    <>
      {error && <ErrorMessage error={error} />}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? busyLabel : label}
        </button>
      </div>
      <div role="status" aria-live="polite" className="account-form__status">
        {done && <p className="notice notice--success">{done}</p>}
      </div>
    </>
  );
}
