-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('enterprise', 'reviewer', 'dept_head', 'agent', 'supervisor', 'auditor', 'admin');

-- CreateTable
CREATE TABLE "departments" (
    "code" TEXT NOT NULL,
    "name_zh" TEXT NOT NULL,
    "name_en" TEXT NOT NULL,

    CONSTRAINT "departments_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "enterprises" (
    "id" UUID NOT NULL,
    "credit_code" CHAR(18) NOT NULL,
    "name" TEXT NOT NULL,
    "industry" TEXT NOT NULL,
    "above_scale" BOOLEAN NOT NULL,
    "profile" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "enterprises_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "department_code" TEXT,
    "enterprise_id" UUID,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "seq" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor_id" TEXT,
    "actor_username" TEXT,
    "actor_role" TEXT,
    "actor_department" TEXT,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "idempotency_key" TEXT,
    "prev_hash" CHAR(64) NOT NULL,
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "app_meta" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "app_meta_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "enterprises_credit_code_key" ON "enterprises"("credit_code");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE INDEX "users_department_code_role_idx" ON "users"("department_code", "role");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_idempotency_key_key" ON "audit_log"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "audit_log_hash_key" ON "audit_log"("hash");

-- CreateIndex
CREATE INDEX "audit_log_subject_type_subject_id_seq_idx" ON "audit_log"("subject_type", "subject_id", "seq");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "departments"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Hand-written: what Prisma's schema language cannot express.

-- An account's shape: enterprise users belong to an enterprise and no department;
-- reviewers, heads, agents and supervisors belong to a department.
ALTER TABLE "users" ADD CONSTRAINT "users_account_shape" CHECK (
  ("role" = 'enterprise' AND "enterprise_id" IS NOT NULL AND "department_code" IS NULL)
  OR ("role" IN ('reviewer', 'dept_head', 'agent', 'supervisor') AND "department_code" IS NOT NULL AND "enterprise_id" IS NULL)
  OR ("role" IN ('auditor', 'admin') AND "enterprise_id" IS NULL)
);

-- The audit log is append-only: no row is ever changed or removed, not even by the application.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
