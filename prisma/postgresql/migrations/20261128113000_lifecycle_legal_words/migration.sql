-- CreateEnum
CREATE TYPE "DecisionAuthority" AS ENUM ('CHAIRMAN_PPC', 'PRIME_MINISTER', 'PARTY_STANDING_COMMITTEE', 'OTHER');

-- AlterEnum
BEGIN;
CREATE TYPE "ActivityStatus_new" AS ENUM ('DRAFT', 'SUBMITTED', 'AGREED', 'RETURNED', 'AUTHORIZED', 'REFUSED', 'IN_PROGRESS', 'DONE', 'REPORTED', 'POSTPONED', 'CANCELLED');
ALTER TABLE "Activity" ALTER COLUMN "status" DROP DEFAULT;
-- Existing rows take the new words: the Department agreed (APPROVED) or returned (REJECTED) them.
ALTER TABLE "Activity" ALTER COLUMN "status" TYPE "ActivityStatus_new" USING ((CASE "status"::text WHEN 'APPROVED' THEN 'AGREED' WHEN 'REJECTED' THEN 'RETURNED' ELSE "status"::text END)::"ActivityStatus_new");
ALTER TYPE "ActivityStatus" RENAME TO "ActivityStatus_old";
ALTER TYPE "ActivityStatus_new" RENAME TO "ActivityStatus";
DROP TYPE "ActivityStatus_old";
ALTER TABLE "Activity" ALTER COLUMN "status" SET DEFAULT 'DRAFT';
COMMIT;

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "decisionAllowed" BOOLEAN,
ADD COLUMN     "decisionAt" TIMESTAMP(3),
ADD COLUMN     "decisionAuthority" "DecisionAuthority",
ADD COLUMN     "decisionById" INTEGER,
ADD COLUMN     "decisionDate" TIMESTAMP(3),
ADD COLUMN     "decisionNumber" TEXT,
ADD COLUMN     "recordedPast" BOOLEAN NOT NULL DEFAULT false;


-- The history's status lines speak the same words.
UPDATE "ActivityHistory" SET "oldValue" = 'AGREED' WHERE "field" = 'status' AND "oldValue" = 'APPROVED';
UPDATE "ActivityHistory" SET "newValue" = 'AGREED' WHERE "field" = 'status' AND "newValue" = 'APPROVED';
UPDATE "ActivityHistory" SET "oldValue" = 'RETURNED' WHERE "field" = 'status' AND "oldValue" = 'REJECTED';
UPDATE "ActivityHistory" SET "newValue" = 'RETURNED' WHERE "field" = 'status' AND "newValue" = 'REJECTED';
