-- The inbox (issue 12, item 1) and measure 25's bank ratios (item 7).
--
-- Who each case waits on, as columns the inbox selects by in one indexed query: party keys
-- (staff:<DEPT>, head:<DEPT>, supervisor, user:<uuid>, enterprise:<uuid>; several when parties act in
-- parallel, e.g. the co-departments of a 会签) and the act expected. The repository computes them
-- from the row (domain/inbox) at every write. Rows written before this migration have
-- waiting_rules_version 0: the worker computes theirs at start (infra/db/cases-repository.ts
-- backfillWaiting), as it does after any change of the rules (a higher version).
ALTER TABLE "cases"
  ADD COLUMN "waiting_for" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "expected_act" TEXT,
  ADD COLUMN "waiting_rules_version" INTEGER NOT NULL DEFAULT 0;

CREATE INDEX "cases_waiting_for_idx" ON "cases" USING GIN ("waiting_for");
-- The inbox's and the search's order (deadline ascending, nulls last, then case id): keyset pages.
CREATE INDEX "cases_deadline_at_case_id_idx" ON "cases" ("deadline_at", "case_id");
CREATE INDEX "cases_waiting_rules_version_idx" ON "cases" ("waiting_rules_version");
-- The open escalations addressed to a department head or the supervisors.
CREATE INDEX "escalations_target_role_target_department_closed_at_idx" ON "escalations" ("target_role", "target_department", "closed_at");
-- What a user acted on (GET /inbox/done), newest first.
CREATE INDEX "audit_log_actor_id_subject_type_seq_idx" ON "audit_log" ("actor_id", "subject_type", "seq");

-- Measure 25: each upload of a quarter is a version; a correction is the next version with a reason.
CREATE TABLE "bank_ratio_versions" (
  "period"       TEXT NOT NULL,
  "version"      INTEGER NOT NULL,
  "reason"       TEXT,
  "published_at" TIMESTAMPTZ(3) NOT NULL,
  "published_by" TEXT NOT NULL,
  CONSTRAINT "bank_ratio_versions_pkey" PRIMARY KEY ("period", "version"),
  CONSTRAINT "bank_ratio_versions_period_format" CHECK ("period" ~ '^[0-9]{4}Q[1-4]$'),
  CONSTRAINT "bank_ratio_versions_version_positive" CHECK ("version" >= 1),
  CONSTRAINT "bank_ratio_versions_correction_has_reason" CHECK ("version" = 1 OR "reason" IS NOT NULL)
);

CREATE TABLE "bank_ratio_entries" (
  "period"               TEXT NOT NULL,
  "version"              INTEGER NOT NULL,
  "bank"                 TEXT NOT NULL,
  "industrial_loans_fen" BIGINT NOT NULL,
  "deposits_fen"         BIGINT NOT NULL,
  CONSTRAINT "bank_ratio_entries_pkey" PRIMARY KEY ("period", "version", "bank"),
  CONSTRAINT "bank_ratio_entries_period_version_fkey" FOREIGN KEY ("period", "version") REFERENCES "bank_ratio_versions" ("period", "version") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "bank_ratio_entries_loans_non_negative" CHECK ("industrial_loans_fen" >= 0),
  CONSTRAINT "bank_ratio_entries_deposits_positive" CHECK ("deposits_fen" > 0)
);

-- A published ranking is immutable: its rows are never changed or removed.
CREATE FUNCTION bank_ratios_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'a published bank ratio version is immutable: publish a correction as the next version';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER bank_ratio_versions_immutable BEFORE UPDATE OR DELETE ON "bank_ratio_versions"
  FOR EACH ROW EXECUTE FUNCTION bank_ratios_refuse_change();
CREATE TRIGGER bank_ratio_entries_immutable BEFORE UPDATE OR DELETE ON "bank_ratio_entries"
  FOR EACH ROW EXECUTE FUNCTION bank_ratios_refuse_change();
