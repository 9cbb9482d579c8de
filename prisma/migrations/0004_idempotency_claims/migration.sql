-- Each claim of an Idempotency-Key gets its own id: twins of one request share it (and so one
-- Temporal Update id), while a claim made after a refusal freed the key gets a new one, so the
-- retried act is a new Update rather than the refused one answered again.
ALTER TABLE "idempotency_records" ADD COLUMN "claim_id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text;
