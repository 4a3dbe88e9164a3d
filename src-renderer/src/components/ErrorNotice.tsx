import { ApiRequestError } from '../api/api-client';

/** Shows a failed call's server message as it is (it names the field and the fix). */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiRequestError || error instanceof Error ? error.message : String(error);
  return (
    <p role="alert" className="error-notice">
      {message}
    </p>
  );
}
