-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reference" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "leadAgencyId" INTEGER NOT NULL,
    "partnerName" TEXT,
    "place" TEXT,
    "timingText" TEXT,
    "timingPrecision" TEXT NOT NULL DEFAULT 'TBD',
    "startDate" DATETIME,
    "endDate" DATETIME,
    "timingLabel" TEXT,
    "costVnd" BIGINT,
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "statusReason" TEXT,
    "details" JSONB,
    "report" JSONB,
    "notes" TEXT,
    "planId" INTEGER,
    "source" TEXT NOT NULL DEFAULT 'FORM',
    "sourceRef" TEXT,
    "sourceText" TEXT,
    "createdById" INTEGER,
    "updatedById" INTEGER,
    "approvedById" INTEGER,
    "approvedAt" DATETIME,
    "decisionAuthority" TEXT,
    "decisionNumber" TEXT,
    "decisionDate" DATETIME,
    "decisionAllowed" BOOLEAN,
    "decisionById" INTEGER,
    "decisionAt" DATETIME,
    "recordedPast" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Activity_leadAgencyId_fkey" FOREIGN KEY ("leadAgencyId") REFERENCES "Agency" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Activity_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Activity" ("approvedAt", "approvedById", "costVnd", "createdAt", "createdById", "details", "endDate", "id", "leadAgencyId", "notes", "partnerName", "place", "planId", "reference", "report", "source", "sourceRef", "sourceText", "startDate", "status", "statusReason", "submittedAt", "timingLabel", "timingPrecision", "timingText", "title", "type", "updatedAt", "updatedById") SELECT "approvedAt", "approvedById", "costVnd", "createdAt", "createdById", "details", "endDate", "id", "leadAgencyId", "notes", "partnerName", "place", "planId", "reference", "report", "source", "sourceRef", "sourceText", "startDate", "status", "statusReason", "submittedAt", "timingLabel", "timingPrecision", "timingText", "title", "type", "updatedAt", "updatedById" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE UNIQUE INDEX "Activity_reference_key" ON "Activity"("reference");
CREATE INDEX "Activity_status_startDate_idx" ON "Activity"("status", "startDate");
CREATE INDEX "Activity_leadAgencyId_status_idx" ON "Activity"("leadAgencyId", "status");
CREATE INDEX "Activity_planId_idx" ON "Activity"("planId");
CREATE INDEX "Activity_type_startDate_idx" ON "Activity"("type", "startDate");
CREATE INDEX "Activity_submittedAt_idx" ON "Activity"("submittedAt");
CREATE INDEX "Activity_endDate_status_idx" ON "Activity"("endDate", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The Department agrees or returns; "approved"/"rejected" were its words for that (SPEC §2).
UPDATE "Activity" SET "status" = 'AGREED' WHERE "status" = 'APPROVED';
UPDATE "Activity" SET "status" = 'RETURNED' WHERE "status" = 'REJECTED';
UPDATE "ActivityHistory" SET "oldValue" = 'AGREED' WHERE "field" = 'status' AND "oldValue" = 'APPROVED';
UPDATE "ActivityHistory" SET "newValue" = 'AGREED' WHERE "field" = 'status' AND "newValue" = 'APPROVED';
UPDATE "ActivityHistory" SET "oldValue" = 'RETURNED' WHERE "field" = 'status' AND "oldValue" = 'REJECTED';
UPDATE "ActivityHistory" SET "newValue" = 'RETURNED' WHERE "field" = 'status' AND "newValue" = 'REJECTED';
