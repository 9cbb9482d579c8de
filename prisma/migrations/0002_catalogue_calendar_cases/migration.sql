-- CreateTable
CREATE TABLE "catalogue_versions" (
    "version" INTEGER NOT NULL,
    "effective_from" DATE NOT NULL,
    "parameters" JSONB NOT NULL,
    "note" TEXT,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by" TEXT,

    CONSTRAINT "catalogue_versions_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "catalogue_measures" (
    "version" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "lead_department" TEXT NOT NULL,
    "co_departments" TEXT[],
    "data" JSONB NOT NULL,

    CONSTRAINT "catalogue_measures_pkey" PRIMARY KEY ("version","code")
);

-- CreateTable
CREATE TABLE "award_grants" (
    "id" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "policy_code" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "limit_key" TEXT NOT NULL,
    "period" TEXT,
    "amount_fen" BIGINT NOT NULL,
    "case_id" TEXT NOT NULL,
    "granted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "award_grants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "enterprise_matches" (
    "enterprise_id" UUID NOT NULL,
    "catalogue_version" INTEGER NOT NULL,
    "policy_code" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "likelihood" TEXT NOT NULL,
    "estimated_fen" BIGINT,
    "detail" JSONB NOT NULL,
    "matched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "enterprise_matches_pkey" PRIMARY KEY ("enterprise_id","catalogue_version","policy_code","item")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "recipient_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "dedupe_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "calendar_years" (
    "year" INTEGER NOT NULL,
    "document" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issued" DATE NOT NULL,
    "notice" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "loaded_by" TEXT,
    "loaded_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "calendar_years_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "cases" (
    "case_id" TEXT NOT NULL,
    "case_type" TEXT NOT NULL,
    "workflow_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "department_code" TEXT NOT NULL,
    "assignee_id" UUID,
    "enterprise_id" UUID,
    "policy_code" TEXT,
    "catalogue_version" INTEGER,
    "sla_state" TEXT,
    "deadline_at" TIMESTAMPTZ(3),
    "deadline_provisional" BOOLEAN NOT NULL DEFAULT false,
    "view" JSONB NOT NULL DEFAULT '{}',
    "projection_version" INTEGER NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "escalations" (
    "id" UUID NOT NULL,
    "case_id" TEXT NOT NULL,
    "case_department" TEXT NOT NULL,
    "rung_key" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "target_department" TEXT NOT NULL,
    "target_role" TEXT NOT NULL,
    "deadline_at" TIMESTAMPTZ(3) NOT NULL,
    "stage" TEXT NOT NULL,
    "overdue_working_days" INTEGER NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "closed_reason" TEXT,

    CONSTRAINT "escalations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_sequences" (
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "next" INTEGER NOT NULL,

    CONSTRAINT "case_sequences_pkey" PRIMARY KEY ("prefix","year")
);

-- CreateIndex
CREATE INDEX "catalogue_measures_kind_idx" ON "catalogue_measures"("kind");

-- CreateIndex
CREATE INDEX "award_grants_enterprise_id_policy_code_item_idx" ON "award_grants"("enterprise_id", "policy_code", "item");

-- CreateIndex
CREATE UNIQUE INDEX "award_grants_case_id_policy_code_item_limit_key_key" ON "award_grants"("case_id", "policy_code", "item", "limit_key");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_dedupe_key_key" ON "notifications"("dedupe_key");

-- CreateIndex
CREATE INDEX "notifications_recipient_id_created_at_idx" ON "notifications"("recipient_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "cases_workflow_id_key" ON "cases"("workflow_id");

-- CreateIndex
CREATE INDEX "cases_case_type_status_idx" ON "cases"("case_type", "status");

-- CreateIndex
CREATE INDEX "cases_department_code_status_idx" ON "cases"("department_code", "status");

-- CreateIndex
CREATE INDEX "cases_enterprise_id_idx" ON "cases"("enterprise_id");

-- CreateIndex
CREATE INDEX "cases_closed_at_deadline_at_idx" ON "cases"("closed_at", "deadline_at");

-- CreateIndex
CREATE UNIQUE INDEX "escalations_rung_key_key" ON "escalations"("rung_key");

-- CreateIndex
CREATE INDEX "escalations_level_closed_at_idx" ON "escalations"("level", "closed_at");

-- CreateIndex
CREATE INDEX "escalations_case_department_level_idx" ON "escalations"("case_department", "level");

-- CreateIndex
CREATE INDEX "escalations_case_id_idx" ON "escalations"("case_id");

-- AddForeignKey
ALTER TABLE "catalogue_measures" ADD CONSTRAINT "catalogue_measures_version_fkey" FOREIGN KEY ("version") REFERENCES "catalogue_versions"("version") ON DELETE RESTRICT ON UPDATE CASCADE;



-- Hand-written.
ALTER TABLE "award_grants" ADD CONSTRAINT "award_grants_amount_nonnegative" CHECK ("amount_fen" >= 0);
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_level_range" CHECK ("level" BETWEEN 1 AND 3);
ALTER TABLE "cases" ADD CONSTRAINT "cases_projection_version_positive" CHECK ("projection_version" >= 1);
