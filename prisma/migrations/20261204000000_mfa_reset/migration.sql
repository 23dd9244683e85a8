-- An authenticator reset (by an administrator, or by the user after proving the old one) marks
-- the user: until they set a password through an enrolment link, or enrol from the session the
-- reset handed them, a password sign-in opens no enrolment (packages/core/src/identity/sign-in.ts).
ALTER TABLE "users" ADD COLUMN "mfa_reset_at" TIMESTAMPTZ(3);
