-- AlterTable
ALTER TABLE "audit_events" ADD COLUMN     "account_id" UUID,
ADD COLUMN     "correlation_id" UUID,
ADD COLUMN     "role_id" UUID;

-- CreateTable
CREATE TABLE "aws_accounts" (
    "id" UUID NOT NULL,
    "aws_account_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "partition" TEXT NOT NULL DEFAULT 'aws',
    "colour" TEXT NOT NULL DEFAULT '#1d8102',
    "description" TEXT NOT NULL DEFAULT '',
    "default_region" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "aws_accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "roles" (
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "role_name" TEXT NOT NULL,
    "role_path" TEXT NOT NULL DEFAULT '/',
    "arn" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "max_session_seconds" INTEGER NOT NULL DEFAULT 3600,
    "session_policy" TEXT,
    "requires_step_up" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "grants" (
    "id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "user_id" UUID,
    "group_id" UUID,
    "allow_console" BOOLEAN NOT NULL DEFAULT true,
    "allow_cli" BOOLEAN NOT NULL DEFAULT true,
    "max_session_seconds" INTEGER,
    "source_cidrs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expires_at" TIMESTAMPTZ(3),
    "note" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "favourites" (
    "user_id" UUID NOT NULL,
    "role_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "favourites_pkey" PRIMARY KEY ("user_id","role_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "aws_accounts_aws_account_id_key" ON "aws_accounts"("aws_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "aws_accounts_name_key" ON "aws_accounts"("name");

-- CreateIndex
CREATE UNIQUE INDEX "roles_arn_key" ON "roles"("arn");

-- CreateIndex
CREATE UNIQUE INDEX "roles_account_id_role_name_key" ON "roles"("account_id", "role_name");

-- CreateIndex
CREATE INDEX "grants_user_id_idx" ON "grants"("user_id");

-- CreateIndex
CREATE INDEX "grants_group_id_idx" ON "grants"("group_id");

-- CreateIndex
CREATE UNIQUE INDEX "grants_role_id_user_id_key" ON "grants"("role_id", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "grants_role_id_group_id_key" ON "grants"("role_id", "group_id");

-- CreateIndex
CREATE INDEX "favourites_role_id_idx" ON "favourites"("role_id");

-- CreateIndex
CREATE INDEX "audit_events_account_id_occurred_at_idx" ON "audit_events"("account_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_role_id_occurred_at_idx" ON "audit_events"("role_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_target_user_id_occurred_at_idx" ON "audit_events"("target_user_id", "occurred_at");

-- CreateIndex
CREATE INDEX "audit_events_correlation_id_idx" ON "audit_events"("correlation_id");

-- AddForeignKey
ALTER TABLE "roles" ADD CONSTRAINT "roles_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "aws_accounts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grants" ADD CONSTRAINT "grants_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grants" ADD CONSTRAINT "grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "grants" ADD CONSTRAINT "grants_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "favourites" ADD CONSTRAINT "favourites_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: rules Prisma cannot express.
ALTER TABLE "aws_accounts" ADD CONSTRAINT "aws_accounts_partition_check"
    CHECK ("partition" IN ('aws', 'aws-cn', 'aws-us-gov'));
ALTER TABLE "aws_accounts" ADD CONSTRAINT "aws_accounts_aws_account_id_check"
    CHECK ("aws_account_id" ~ '^[0-9]{12}$');
ALTER TABLE "roles" ADD CONSTRAINT "roles_max_session_seconds_check"
    CHECK ("max_session_seconds" BETWEEN 900 AND 43200);
ALTER TABLE "grants" ADD CONSTRAINT "grants_subject_check"
    CHECK (("user_id" IS NULL) <> ("group_id" IS NULL));
ALTER TABLE "grants" ADD CONSTRAINT "grants_max_session_seconds_check"
    CHECK ("max_session_seconds" IS NULL OR "max_session_seconds" BETWEEN 900 AND 43200);
