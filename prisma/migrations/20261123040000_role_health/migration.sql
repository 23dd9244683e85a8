-- CreateTable
CREATE TABLE "role_health" (
    "role_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "checked_at" TIMESTAMPTZ(3) NOT NULL,
    "iam_max_session_seconds" INTEGER,
    "report" JSONB NOT NULL,

    CONSTRAINT "role_health_pkey" PRIMARY KEY ("role_id")
);

-- Hand-written: rules Prisma cannot express.
ALTER TABLE "role_health" ADD CONSTRAINT "role_health_status_check"
    CHECK ("status" IN ('ok', 'warning', 'error', 'unknown'));
