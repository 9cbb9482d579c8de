-- Case documents (issue 15): one row per upload, the file itself in the document store
-- (infra/documents/), content-addressed by its sha256, so the same file uploaded twice is one
-- stored object and two rows. A row is unattached until an act or filing of a case references it:
-- then the act reserves it for the case (case_id, attached_in_act, attached_by, attach_key) and,
-- once the act has happened, confirms it (attached_at). A refused act gives the reservation back.
-- CreateTable
CREATE TABLE "documents" (
    "id" UUID NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "media_type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "uploaded_by" UUID NOT NULL,
    "enterprise_id" UUID NOT NULL,
    "case_id" TEXT,
    "attached_in_act" TEXT,
    "attached_by" UUID,
    "attached_at" TIMESTAMPTZ(3),
    "attach_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "documents_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "documents_case_id_idx" ON "documents"("case_id");

-- CreateIndex
CREATE INDEX "documents_sha256_idx" ON "documents"("sha256");

-- CreateIndex
CREATE INDEX "documents_enterprise_id_idx" ON "documents"("enterprise_id");

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_uploaded_by_fkey" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_attached_by_fkey" FOREIGN KEY ("attached_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_enterprise_id_fkey" FOREIGN KEY ("enterprise_id") REFERENCES "enterprises"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "documents" ADD CONSTRAINT "documents_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("case_id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- Hand-written: the shape of a hash, a size, a name, and the reservation fields that go together.
ALTER TABLE "documents" ADD CONSTRAINT "documents_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$');
ALTER TABLE "documents" ADD CONSTRAINT "documents_size_positive" CHECK ("size" > 0);
ALTER TABLE "documents" ADD CONSTRAINT "documents_name_length" CHECK (length("name") BETWEEN 1 AND 200);
ALTER TABLE "documents" ADD CONSTRAINT "documents_reservation_whole" CHECK (
  ("case_id" IS NULL) = ("attached_in_act" IS NULL) AND ("case_id" IS NULL) = ("attached_by" IS NULL) AND ("case_id" IS NULL) = ("attach_key" IS NULL));
ALTER TABLE "documents" ADD CONSTRAINT "documents_attached_held" CHECK ("attached_at" IS NULL OR "case_id" IS NOT NULL);

-- Files are never changed or deleted while a case holds them: what an upload recorded (hash,
-- size, name, type, uploader, enterprise) never changes; a row a case holds (reserved or attached)
-- is never deleted nor moved to another case; an attachment, once confirmed, is final.
CREATE FUNCTION "documents_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."case_id" IS NOT NULL THEN
      RAISE EXCEPTION 'document % is held by case % and is never deleted', OLD."id", OLD."case_id" USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW."id" <> OLD."id" OR NEW."sha256" <> OLD."sha256" OR NEW."size" <> OLD."size" OR NEW."name" <> OLD."name"
     OR NEW."media_type" <> OLD."media_type" OR NEW."uploaded_by" <> OLD."uploaded_by"
     OR NEW."enterprise_id" <> OLD."enterprise_id" OR NEW."created_at" <> OLD."created_at" THEN
    RAISE EXCEPTION 'document % is never changed (hash, size, name, type, uploader, enterprise)', OLD."id" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."attached_at" IS NOT NULL AND (NEW."case_id" IS DISTINCT FROM OLD."case_id" OR NEW."attached_in_act" IS DISTINCT FROM OLD."attached_in_act"
     OR NEW."attached_by" IS DISTINCT FROM OLD."attached_by" OR NEW."attached_at" IS DISTINCT FROM OLD."attached_at" OR NEW."attach_key" IS DISTINCT FROM OLD."attach_key") THEN
    RAISE EXCEPTION 'document % is attached to case % for good', OLD."id", OLD."case_id" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."case_id" IS NOT NULL AND NEW."case_id" IS NOT NULL AND NEW."case_id" <> OLD."case_id" THEN
    RAISE EXCEPTION 'document % is held by case % and cannot move to case %', OLD."id", OLD."case_id", NEW."case_id" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER "documents_keep" BEFORE UPDATE OR DELETE ON "documents" FOR EACH ROW EXECUTE FUNCTION "documents_keep"();
