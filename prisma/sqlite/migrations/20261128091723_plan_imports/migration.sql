-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "sourceText" TEXT;

-- CreateTable
CREATE TABLE "PlanImport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "planId" INTEGER,
    "agencyId" INTEGER,
    "userId" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PREVIEW',
    "items" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "PlanImport_hash_status_idx" ON "PlanImport"("hash", "status");

-- CreateIndex
CREATE INDEX "PlanImport_userId_status_idx" ON "PlanImport"("userId", "status");

