-- The revocation outbox (packages/core/src/revocation): each row asks IAM to deny, on one role,
-- the sessions a change made unjustified. Rows are written in the same transaction as the change
-- (a user disabled, a grant deleted, ...) and applied by one worker at a time across the fleet.
-- No foreign keys: a row outlives the role, user or grant it is about, and says what it was.

-- CreateEnum
CREATE TYPE "revocation_status" AS ENUM ('pending', 'applied', 'failing', 'given_up');

-- CreateTable
CREATE TABLE "revocations" (
    "id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "cutoff" TIMESTAMPTZ(3) NOT NULL,
    "role_id" UUID,
    "role_arn" TEXT NOT NULL,
    "role_name" TEXT NOT NULL,
    "account_id" UUID,
    "aws_account_id" TEXT NOT NULL,
    "partition" TEXT NOT NULL,
    "user_id" UUID,
    "username" TEXT,
    "grant_id" UUID,
    "login_id" UUID,
    "live_sessions" INTEGER NOT NULL,
    "sessions_end_at" TIMESTAMPTZ(3) NOT NULL,
    "requested_by" UUID,
    "requested_by_username" TEXT,
    "status" "revocation_status" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "applied_at" TIMESTAMPTZ(3),
    "policy_name" TEXT,

    CONSTRAINT "revocations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "revocations_status_next_attempt_at_idx" ON "revocations"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "revocations_user_id_idx" ON "revocations"("user_id");

-- CreateIndex
CREATE INDEX "revocations_role_id_idx" ON "revocations"("role_id");
