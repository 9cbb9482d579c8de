// The state every form that sends to the API keeps: busy, the refusal, and the refusal's issues
// by the field they concern (lib/schema-form.ts issuesByField).
import { useState } from 'react';
import { ApiError } from '../api/client';
import { issuesByField, type Field } from '../lib/schema-form';

export function useServerForm(fields: readonly Field[]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  /** Runs a send; a refusal is kept (and its issues put on their fields), nothing is thrown. */
  const send = async (fn: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    setFieldErrors({});
    try {
      await fn();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', e instanceof Error ? e.message : String(e));
      setFieldErrors(issuesByField(fields, err.issues).byField);
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fieldErrors, send };
}
