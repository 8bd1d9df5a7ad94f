-- CreateEnum
CREATE TYPE "PlanImportStatus" AS ENUM ('PREVIEW', 'SUBMITTED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "sourceText" TEXT;

-- CreateTable
CREATE TABLE "PlanImport" (
    "id" SERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "planId" INTEGER,
    "agencyId" INTEGER,
    "userId" INTEGER NOT NULL,
    "status" "PlanImportStatus" NOT NULL DEFAULT 'PREVIEW',
    "items" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlanImport_hash_status_idx" ON "PlanImport"("hash", "status");

-- CreateIndex
CREATE INDEX "PlanImport_userId_status_idx" ON "PlanImport"("userId", "status");

