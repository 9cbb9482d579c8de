-- The case history (what happened, by whom, in plain words) as rows the case's projection appends,
-- instead of an array inside the `view` column that every projection rewrote whole: the read
-- model's writes stay the size of one change, however long a case runs. A projection replaces the
-- rows from its first sequence number on, so the rows of an act that was rolled back are removed.
CREATE TABLE "case_history" (
  "case_id"    TEXT NOT NULL REFERENCES "cases" ("case_id"),
  "seq"        INTEGER NOT NULL,
  "at"         TIMESTAMPTZ(3) NOT NULL,
  "act"        TEXT NOT NULL,
  "by"         TEXT,
  "role"       TEXT,
  "department" TEXT,
  "note"       TEXT,
  PRIMARY KEY ("case_id", "seq")
);
