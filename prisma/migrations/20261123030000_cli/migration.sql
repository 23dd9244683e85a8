-- CreateEnum
CREATE TYPE "cli_device_status" AS ENUM ('pending', 'approved', 'denied', 'consumed');

-- CreateTable
CREATE TABLE "cli_device_authorizations" (
    "id" UUID NOT NULL,
    "device_code_hash" TEXT NOT NULL,
    "user_code_hash" TEXT NOT NULL,
    "client_name" TEXT NOT NULL,
    "hostname" TEXT NOT NULL DEFAULT '',
    "ip" TEXT NOT NULL,
    "user_agent" TEXT NOT NULL DEFAULT '',
    "status" "cli_device_status" NOT NULL DEFAULT 'pending',
    "user_id" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "mfa_at" TIMESTAMPTZ(3),
    "interval_seconds" INTEGER NOT NULL DEFAULT 5,
    "polls" INTEGER NOT NULL DEFAULT 0,
    "last_polled_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cli_device_authorizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cli_tokens" (
    "id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "device_id" UUID,
    "client_name" TEXT NOT NULL,
    "hostname" TEXT NOT NULL DEFAULT '',
    "created_ip" TEXT NOT NULL,
    "user_agent" TEXT NOT NULL DEFAULT '',
    "mfa_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),
    "last_used_ip" TEXT,
    "revoked_at" TIMESTAMPTZ(3),
    "revoked_by" UUID,
    "revoke_reason" TEXT,

    CONSTRAINT "cli_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cli_device_authorizations_device_code_hash_key" ON "cli_device_authorizations"("device_code_hash");

-- CreateIndex
CREATE UNIQUE INDEX "cli_device_authorizations_user_code_hash_key" ON "cli_device_authorizations"("user_code_hash");

-- CreateIndex
CREATE INDEX "cli_device_authorizations_user_id_idx" ON "cli_device_authorizations"("user_id");

-- CreateIndex
CREATE INDEX "cli_device_authorizations_expires_at_idx" ON "cli_device_authorizations"("expires_at");

-- CreateIndex
CREATE UNIQUE INDEX "cli_tokens_token_hash_key" ON "cli_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "cli_tokens_user_id_expires_at_idx" ON "cli_tokens"("user_id", "expires_at");

-- CreateIndex
CREATE INDEX "cli_tokens_expires_at_idx" ON "cli_tokens"("expires_at");

-- AddForeignKey
ALTER TABLE "cli_device_authorizations" ADD CONSTRAINT "cli_device_authorizations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cli_tokens" ADD CONSTRAINT "cli_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cli_tokens" ADD CONSTRAINT "cli_tokens_device_id_fkey" FOREIGN KEY ("device_id") REFERENCES "cli_device_authorizations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: rules Prisma cannot express.
ALTER TABLE "cli_device_authorizations" ADD CONSTRAINT "cli_device_authorizations_interval_check"
    CHECK ("interval_seconds" BETWEEN 1 AND 600);
ALTER TABLE "cli_tokens" ADD CONSTRAINT "cli_tokens_revoke_reason_check"
    CHECK ("revoke_reason" IS NULL OR "revoke_reason" IN
           ('user', 'logout', 'admin', 'user_disabled', 'mfa_changed', 'password_changed'));

-- Whatever path disables a user, resets or replaces their authenticator or changes their
-- password (admin API, operator command, self-service, plain SQL), their CLI tokens die with
-- it, as their browser sessions do. The change itself is audited by whoever made it.
CREATE FUNCTION "cli_tokens_revoke_on_user_change"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    reason TEXT;
BEGIN
    IF NEW."disabled" AND NOT OLD."disabled" THEN
        reason := 'user_disabled';
    ELSIF NEW."totp_enabled_at" IS DISTINCT FROM OLD."totp_enabled_at" THEN
        reason := 'mfa_changed';
    ELSIF NEW."password_hash" IS DISTINCT FROM OLD."password_hash" THEN
        reason := 'password_changed';
    ELSE
        RETURN NEW;
    END IF;
    UPDATE "cli_tokens"
       SET "revoked_at" = CURRENT_TIMESTAMP, "revoke_reason" = reason
     WHERE "user_id" = NEW."id" AND "revoked_at" IS NULL;
    RETURN NEW;
END $$;

CREATE TRIGGER "cli_tokens_revoke_on_user_change"
    AFTER UPDATE OF "disabled", "totp_enabled_at", "password_hash" ON "users"
    FOR EACH ROW EXECUTE FUNCTION "cli_tokens_revoke_on_user_change"();
