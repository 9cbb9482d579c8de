-- The platform measures (issue 18): the enterprise profile's statements (who stated each fact and
-- when), external policies with their matches (M1), withdrawals of catalogue listings and the
-- buyers' category subscriptions (M10), and the idle-asset ledger with its history and the M37
-- filings that name an entry (M37).

-- Buyer accounts (government departments, public institutions, SOEs, key private firms) read the
-- recommended products catalogue and nothing else.
ALTER TYPE "Role" ADD VALUE IF NOT EXISTS 'buyer';
-- A buyer belongs to no department and no enterprise. Compared as text: a new enum value cannot
-- be used as such in the transaction that added it.
ALTER TABLE "users" DROP CONSTRAINT "users_account_shape";
ALTER TABLE "users" ADD CONSTRAINT "users_account_shape" CHECK (
  ("role"::text = 'enterprise' AND "enterprise_id" IS NOT NULL AND "department_code" IS NULL)
  OR ("role"::text IN ('reviewer', 'dept_head', 'agent', 'supervisor') AND "department_code" IS NOT NULL AND "enterprise_id" IS NULL)
  OR ("role"::text IN ('auditor', 'admin') AND "enterprise_id" IS NULL)
  OR ("role"::text = 'buyer' AND "enterprise_id" IS NULL AND "department_code" IS NULL)
);

-- { "<fact>": { "by": "<username>", "role": "<role>", "at": "<ISO instant>" } } per fact of
-- "profile", written with every profile change (domain/enterprise-profile.ts).
ALTER TABLE "enterprises" ADD COLUMN "profile_statements" JSONB NOT NULL DEFAULT '{}';

-- ---------------------------------------------------------------------------------------------
-- M1: policies published by any authority, matched by their criteria (domain/policy/criteria.ts).
CREATE TABLE "external_policies" (
  "id"               UUID PRIMARY KEY,
  "version"          INTEGER NOT NULL CHECK ("version" >= 1),
  "title"            TEXT NOT NULL,
  "summary"          TEXT NOT NULL,
  "issuing_authority" TEXT NOT NULL,
  "document_number"  TEXT NOT NULL,
  "issued_on"        DATE NOT NULL,
  "level"            TEXT NOT NULL CHECK ("level" IN ('national', 'provincial', 'city')),
  "url"              TEXT,
  -- The eight categories of the policy's requests (MEASURES.md): financing, orders, talent, ...
  "category"         TEXT NOT NULL CHECK ("category" IN ('financing', 'orders', 'talent', 'labour', 'land', 'energy', 'innovation', 'approvals')),
  "valid_from"       DATE NOT NULL,
  "valid_until"      DATE,
  "criteria"         JSONB NOT NULL,
  "published_at"     TIMESTAMPTZ(3) NOT NULL,
  "published_by"     TEXT NOT NULL,
  CHECK ("valid_until" IS NULL OR "valid_until" >= "valid_from")
);
CREATE INDEX "external_policies_validity_idx" ON "external_policies" ("valid_from", "valid_until");

-- The last matching of one enterprise against one policy version: met or needs_checking
-- (not met is not stored). Replaced for the enterprises of each matched page.
CREATE TABLE "external_policy_matches" (
  "policy_id"      UUID NOT NULL REFERENCES "external_policies" ("id"),
  "enterprise_id"  UUID NOT NULL REFERENCES "enterprises" ("id"),
  "policy_version" INTEGER NOT NULL,
  "outcome"        TEXT NOT NULL CHECK ("outcome" IN ('met', 'needs_checking')),
  "detail"         JSONB NOT NULL,
  "matched_at"     TIMESTAMPTZ(3) NOT NULL,
  PRIMARY KEY ("policy_id", "enterprise_id")
);
CREATE INDEX "external_policy_matches_enterprise_idx" ON "external_policy_matches" ("enterprise_id");

-- ---------------------------------------------------------------------------------------------
-- M10: an approved listing (an approved M10 application) leaves the catalogue when withdrawn.
CREATE TABLE "product_listing_withdrawals" (
  "case_id"      TEXT PRIMARY KEY REFERENCES "cases" ("case_id"),
  "withdrawn_at" TIMESTAMPTZ(3) NOT NULL,
  "withdrawn_by" TEXT NOT NULL,
  "role"         TEXT NOT NULL,
  "reason"       TEXT
);

-- The product categories a buyer is pushed new listings of.
CREATE TABLE "buyer_subscriptions" (
  "user_id"  UUID NOT NULL REFERENCES "users" ("id"),
  "category" TEXT NOT NULL,
  PRIMARY KEY ("user_id", "category")
);

-- ---------------------------------------------------------------------------------------------
-- M37: the city-wide idle industrial asset ledger.
CREATE TABLE "idle_assets" (
  "id"                   UUID PRIMARY KEY,
  "kind"                 TEXT NOT NULL CHECK ("kind" IN ('plant', 'land', 'equipment')),
  "name"                 TEXT NOT NULL,
  "location"             TEXT NOT NULL,
  "area_m2"              INTEGER CHECK ("area_m2" > 0),
  "capacity"             TEXT,
  "holder"               TEXT NOT NULL,
  "holder_enterprise_id" UUID REFERENCES "enterprises" ("id"),
  "status"               TEXT NOT NULL CHECK ("status" IN ('idle', 'in_negotiation', 'revitalised')),
  -- The M37 case whose approval marked the entry revitalised (an entry pays once).
  "revitalised_case_id"  TEXT UNIQUE,
  "registered_by"        TEXT NOT NULL,
  "created_at"           TIMESTAMPTZ(3) NOT NULL,
  "updated_at"           TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX "idle_assets_status_idx" ON "idle_assets" ("status");

-- Every status an entry had, in order (the first row is its registration).
CREATE TABLE "idle_asset_events" (
  "seq"      BIGSERIAL PRIMARY KEY,
  "asset_id" UUID NOT NULL REFERENCES "idle_assets" ("id"),
  "at"       TIMESTAMPTZ(3) NOT NULL,
  "status"   TEXT NOT NULL CHECK ("status" IN ('idle', 'in_negotiation', 'revitalised')),
  "by"       TEXT NOT NULL,
  "note"     TEXT
);
CREATE INDEX "idle_asset_events_asset_idx" ON "idle_asset_events" ("asset_id", "seq");

-- The ledger entry an M37 application names, written with the filing.
CREATE TABLE "idle_asset_claims" (
  "case_id"    TEXT PRIMARY KEY REFERENCES "cases" ("case_id"),
  "asset_id"   UUID NOT NULL REFERENCES "idle_assets" ("id"),
  "claimed_at" TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX "idle_asset_claims_asset_idx" ON "idle_asset_claims" ("asset_id");
