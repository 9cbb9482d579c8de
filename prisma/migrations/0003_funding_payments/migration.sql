-- CreateTable
CREATE TABLE "budgets" (
    "year" INTEGER NOT NULL,
    "policy_code" TEXT NOT NULL,
    "total_fen" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "budgets_pkey" PRIMARY KEY ("year","policy_code")
);

-- CreateTable
CREATE TABLE "budget_commitments" (
    "case_id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "policy_code" TEXT NOT NULL,
    "amount_fen" BIGINT NOT NULL,
    "approved_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "committed_at" TIMESTAMPTZ(3),

    CONSTRAINT "budget_commitments_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "payments" (
    "idempotency_key" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "amount_fen" BIGINT NOT NULL,
    "account_name" TEXT NOT NULL,
    "account_no" TEXT NOT NULL,
    "bank_name" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "transfer_ref" TEXT,
    "failure" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "payments_pkey" PRIMARY KEY ("idempotency_key")
);

-- CreateTable
CREATE TABLE "enterprise_bank_accounts" (
    "enterprise_id" UUID NOT NULL,
    "account_name" TEXT NOT NULL,
    "account_no" TEXT NOT NULL,
    "bank_name" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "enterprise_bank_accounts_pkey" PRIMARY KEY ("enterprise_id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "budget_commitments_year_policy_code_status_approved_at_idx" ON "budget_commitments"("year", "policy_code", "status", "approved_at");

-- CreateIndex
CREATE INDEX "payments_case_id_idx" ON "payments"("case_id");


-- Hand-written.
ALTER TABLE "budgets" ADD CONSTRAINT "budgets_total_nonnegative" CHECK ("total_fen" >= 0);
ALTER TABLE "budget_commitments" ADD CONSTRAINT "budget_commitments_amount_positive" CHECK ("amount_fen" > 0);
ALTER TABLE "budget_commitments" ADD CONSTRAINT "budget_commitments_status" CHECK ("status" IN ('waiting', 'committed', 'paid', 'released'));
ALTER TABLE "payments" ADD CONSTRAINT "payments_amount_positive" CHECK ("amount_fen" > 0);
