-- The history archive: every run of a case's workflow as Temporal recorded it, kept in the
-- app's database so that an auditor can read and replay a case after the Temporal server has
-- dropped it (namespace retention, a new cluster). One row per run, in continue-as-new order.
-- A run that has ended is written once and never changed; a run still going is a snapshot that
-- the next snapshot (or the final archive) replaces.
CREATE TABLE "history_runs" (
  "case_id"       TEXT NOT NULL REFERENCES "cases" ("case_id"),
  "run_no"        INTEGER NOT NULL CHECK ("run_no" >= 1),
  "workflow_id"   TEXT NOT NULL,
  "run_id"        TEXT NOT NULL UNIQUE,
  "workflow_type" TEXT NOT NULL,
  -- How the run ended (completed, continued_as_new, terminated, ...); NULL: a snapshot of a running run.
  "closed_as"     TEXT,
  "event_count"   INTEGER NOT NULL CHECK ("event_count" >= 1),
  "started_at"    TIMESTAMPTZ(3) NOT NULL,
  "last_event_at" TIMESTAMPTZ(3) NOT NULL,
  -- The SDK's history JSON (historyToJSON), gzip; sha256 of the uncompressed JSON.
  "history_gz"    BYTEA NOT NULL,
  "json_bytes"    INTEGER NOT NULL,
  "sha256"        CHAR(64) NOT NULL,
  -- The app version and the workflow bundle's hash of the worker that archived the run.
  "code_version"  TEXT NOT NULL,
  "archived_at"   TIMESTAMPTZ(3) NOT NULL,
  PRIMARY KEY ("case_id", "run_no")
);

-- One row per archived case: the manifest of its runs. `final`: the case is closed and every run
-- has ended; a final archive is never rewritten.
CREATE TABLE "case_archives" (
  "case_id"      TEXT PRIMARY KEY REFERENCES "cases" ("case_id"),
  "final"        BOOLEAN NOT NULL,
  "runs"         INTEGER NOT NULL,
  "events"       INTEGER NOT NULL,
  -- sha256 over the runs' sha256 in order, joined by newlines (infra/history/codec.ts).
  "sha256"       CHAR(64) NOT NULL,
  "code_version" TEXT NOT NULL,
  "archived_at"  TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX "case_archives_final_archived_at_idx" ON "case_archives" ("final", "archived_at");

CREATE FUNCTION history_runs_keep_ended() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'history_runs rows are kept: no run is ever removed from the archive';
  END IF;
  IF OLD."closed_as" IS NOT NULL THEN
    RAISE EXCEPTION 'history_runs: run % has ended and is archived for good', OLD."run_id";
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER history_runs_kept BEFORE UPDATE OR DELETE ON "history_runs"
  FOR EACH ROW EXECUTE FUNCTION history_runs_keep_ended();

CREATE FUNCTION case_archives_keep_final() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'case_archives rows are kept: no archive is ever removed';
  END IF;
  IF OLD."final" THEN
    RAISE EXCEPTION 'case_archives: the archive of case % is final', OLD."case_id";
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER case_archives_kept BEFORE UPDATE OR DELETE ON "case_archives"
  FOR EACH ROW EXECUTE FUNCTION case_archives_keep_final();
