/** Pages opened from a one-time link (first setup, an enrolment link): the ways such a link fails. */
import Alert from '@cloudscape-design/components/alert';
import { ApiError } from '../api';
import { ErrorAlert } from './error-alert';
import { PublicLayout } from './public-layout';

/** The server's answer for a link already used or expired. */
export function linkGone(error: unknown): boolean {
  return error instanceof ApiError && error.status === 410;
}

/** Opened without the token in the fragment (copied only in part, say). */
export function NoTokenPage({ title, header, body }: { title: string; header: string; body: string }) {
  return (
    <PublicLayout title={title}>
      <Alert type="warning" header={header}>
        {body}
      </Alert>
    </PublicLayout>
  );
}

/** A used-up link gets its own words; any other failure the usual alert. */
export function OneTimeLinkError({
  error,
  goneText,
  fields,
}: {
  error: unknown;
  goneText: string;
  fields: readonly string[];
}) {
  if (linkGone(error)) {
    return (
      <Alert type="error">
        <span role="alert">{goneText}</span>
      </Alert>
    );
  }
  return <ErrorAlert error={error} fields={fields} />;
}
