/** AWS's bounds on an assumed-role session (DurationSeconds): 15 minutes to 12 hours. */
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43200;
