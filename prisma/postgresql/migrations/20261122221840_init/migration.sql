-- CreateEnum
CREATE TYPE "Role" AS ENUM ('FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN');

-- CreateEnum
CREATE TYPE "AgencyKind" AS ENUM ('DEPARTMENT', 'PEOPLES_COMMITTEE', 'PARTY_BODY', 'MASS_ORGANISATION', 'UNIVERSITY', 'OTHER');

-- CreateEnum
CREATE TYPE "ActivityType" AS ENUM ('OUTBOUND', 'INBOUND', 'LETTER', 'CONFERENCE', 'ONLINE_TALK', 'AGREEMENT', 'EXCHANGE', 'MEDIA', 'AWARD', 'OTHER');

-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'IN_PROGRESS', 'DONE', 'REPORTED', 'POSTPONED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TimingPrecision" AS ENUM ('DAY', 'RANGE', 'MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR', 'DEADLINE', 'TBD');

-- CreateEnum
CREATE TYPE "FundingSource" AS ENUM ('STATE_BUDGET', 'UNIT_REVENUE', 'PARTNER', 'SPONSORSHIP', 'SELF_FUNDED', 'OTHER');

-- CreateEnum
CREATE TYPE "ActivitySource" AS ENUM ('FORM', 'IMPORT', 'DOCUMENT', 'PROGRAMME');

-- CreateEnum
CREATE TYPE "PlanKind" AS ENUM ('REQUEST', 'PROGRAMME');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "PlanResponseStatus" AS ENUM ('PENDING', 'ANSWERED', 'NIL', 'NO_PLAN');

-- CreateEnum
CREATE TYPE "ChangeRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "AnniversaryKind" AS ENUM ('DIPLOMATIC_RELATIONS', 'TREATY', 'NATIONAL_DAY', 'OTHER');

-- CreateEnum
CREATE TYPE "NotificationState" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'DEAD', 'CANCELLED');

-- CreateTable
CREATE TABLE "Agency" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT,
    "kind" "AgencyKind" NOT NULL DEFAULT 'DEPARTMENT',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "telegramId" BIGINT NOT NULL,
    "role" "Role",
    "agencyId" INTEGER,
    "displayName" TEXT,
    "username" TEXT,
    "locale" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "reachable" BOOLEAN NOT NULL DEFAULT true,
    "unreachableAt" TIMESTAMP(3),
    "commandsVersion" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invite" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "agencyId" INTEGER,
    "createdById" INTEGER,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" INTEGER,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Invite_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Plan" (
    "id" SERIAL NOT NULL,
    "kind" "PlanKind" NOT NULL,
    "title" TEXT NOT NULL,
    "year" INTEGER,
    "description" TEXT,
    "forms" JSONB,
    "deadline" TIMESTAMP(3),
    "status" "PlanStatus" NOT NULL DEFAULT 'OPEN',
    "closedAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanResponse" (
    "id" SERIAL NOT NULL,
    "planId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "status" "PlanResponseStatus" NOT NULL DEFAULT 'PENDING',
    "answeredAt" TIMESTAMP(3),
    "answeredById" INTEGER,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlanResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "type" "ActivityType" NOT NULL,
    "title" TEXT NOT NULL,
    "leadAgencyId" INTEGER NOT NULL,
    "partnerName" TEXT,
    "place" TEXT,
    "timingText" TEXT,
    "timingPrecision" "TimingPrecision" NOT NULL DEFAULT 'TBD',
    "startDate" TIMESTAMP(3),
    "endDate" TIMESTAMP(3),
    "timingLabel" TEXT,
    "costVnd" BIGINT,
    "status" "ActivityStatus" NOT NULL DEFAULT 'DRAFT',
    "statusReason" TEXT,
    "details" JSONB,
    "report" JSONB,
    "notes" TEXT,
    "planId" INTEGER,
    "source" "ActivitySource" NOT NULL DEFAULT 'FORM',
    "sourceRef" TEXT,
    "createdById" INTEGER,
    "updatedById" INTEGER,
    "approvedById" INTEGER,
    "approvedAt" TIMESTAMP(3),
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityCoordinator" (
    "activityId" INTEGER NOT NULL,
    "agencyId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityCoordinator_pkey" PRIMARY KEY ("activityId","agencyId")
);

-- CreateTable
CREATE TABLE "ActivityCountry" (
    "activityId" INTEGER NOT NULL,
    "countryCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityCountry_pkey" PRIMARY KEY ("activityId","countryCode")
);

-- CreateTable
CREATE TABLE "ActivityFunding" (
    "activityId" INTEGER NOT NULL,
    "source" "FundingSource" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityFunding_pkey" PRIMARY KEY ("activityId","source")
);

-- CreateTable
CREATE TABLE "ActivityHistory" (
    "id" SERIAL NOT NULL,
    "activityId" INTEGER NOT NULL,
    "userId" INTEGER,
    "action" TEXT NOT NULL,
    "field" TEXT,
    "oldValue" TEXT,
    "newValue" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" SERIAL NOT NULL,
    "activityId" INTEGER NOT NULL,
    "requestedById" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,
    "status" "ChangeRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "activityId" INTEGER,
    "planId" INTEGER,
    "responsibleAgencyId" INTEGER,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneById" INTEGER,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Anniversary" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "AnniversaryKind" NOT NULL,
    "countryCode" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT,
    "day" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "baseYear" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Anniversary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Holiday" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL DEFAULT 0,
    "month" INTEGER NOT NULL,
    "day" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Holiday_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatGroup" (
    "id" SERIAL NOT NULL,
    "chatId" BIGINT NOT NULL,
    "title" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "addedById" INTEGER,
    "lastDigestAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" SERIAL NOT NULL,
    "chatId" BIGINT NOT NULL,
    "userId" INTEGER,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "state" "NotificationState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "claimedBy" TEXT,
    "sentAt" TIMESTAMP(3),
    "sentMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" SERIAL NOT NULL,
    "chatId" BIGINT NOT NULL,
    "userId" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedUpdate" (
    "updateId" BIGINT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedUpdate_pkey" PRIMARY KEY ("updateId")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "key" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");

-- CreateIndex
CREATE INDEX "Agency_active_idx" ON "Agency"("active");

-- CreateIndex
CREATE UNIQUE INDEX "User_telegramId_key" ON "User"("telegramId");

-- CreateIndex
CREATE INDEX "User_agencyId_role_idx" ON "User"("agencyId", "role");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE UNIQUE INDEX "Invite_tokenHash_key" ON "Invite"("tokenHash");

-- CreateIndex
CREATE INDEX "Invite_expiresAt_idx" ON "Invite"("expiresAt");

-- CreateIndex
CREATE INDEX "Plan_status_deadline_idx" ON "Plan"("status", "deadline");

-- CreateIndex
CREATE INDEX "PlanResponse_planId_status_idx" ON "PlanResponse"("planId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "PlanResponse_planId_agencyId_key" ON "PlanResponse"("planId", "agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_reference_key" ON "Activity"("reference");

-- CreateIndex
CREATE INDEX "Activity_status_startDate_idx" ON "Activity"("status", "startDate");

-- CreateIndex
CREATE INDEX "Activity_leadAgencyId_status_idx" ON "Activity"("leadAgencyId", "status");

-- CreateIndex
CREATE INDEX "Activity_planId_idx" ON "Activity"("planId");

-- CreateIndex
CREATE INDEX "Activity_type_startDate_idx" ON "Activity"("type", "startDate");

-- CreateIndex
CREATE INDEX "Activity_submittedAt_idx" ON "Activity"("submittedAt");

-- CreateIndex
CREATE INDEX "Activity_endDate_status_idx" ON "Activity"("endDate", "status");

-- CreateIndex
CREATE INDEX "ActivityCoordinator_agencyId_idx" ON "ActivityCoordinator"("agencyId");

-- CreateIndex
CREATE INDEX "ActivityCountry_countryCode_idx" ON "ActivityCountry"("countryCode");

-- CreateIndex
CREATE INDEX "ActivityHistory_activityId_createdAt_idx" ON "ActivityHistory"("activityId", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_status_createdAt_idx" ON "ChangeRequest"("status", "createdAt");

-- CreateIndex
CREATE INDEX "ChangeRequest_activityId_idx" ON "ChangeRequest"("activityId");

-- CreateIndex
CREATE INDEX "FollowUp_doneAt_dueDate_idx" ON "FollowUp"("doneAt", "dueDate");

-- CreateIndex
CREATE INDEX "FollowUp_activityId_idx" ON "FollowUp"("activityId");

-- CreateIndex
CREATE INDEX "FollowUp_responsibleAgencyId_idx" ON "FollowUp"("responsibleAgencyId");

-- CreateIndex
CREATE UNIQUE INDEX "Anniversary_key_key" ON "Anniversary"("key");

-- CreateIndex
CREATE INDEX "Anniversary_active_month_day_idx" ON "Anniversary"("active", "month", "day");

-- CreateIndex
CREATE UNIQUE INDEX "Holiday_year_month_day_key" ON "Holiday"("year", "month", "day");

-- CreateIndex
CREATE UNIQUE INDEX "ChatGroup_chatId_key" ON "ChatGroup"("chatId");

-- CreateIndex
CREATE INDEX "ChatGroup_active_idx" ON "ChatGroup"("active");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_state_dueAt_idx" ON "Notification"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Notification_state_leaseUntil_idx" ON "Notification"("state", "leaseUntil");

-- CreateIndex
CREATE INDEX "Notification_chatId_state_idx" ON "Notification"("chatId", "state");

-- CreateIndex
CREATE INDEX "Notification_kind_state_idx" ON "Notification"("kind", "state");

-- CreateIndex
CREATE INDEX "Conversation_expiresAt_idx" ON "Conversation"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_chatId_userId_key" ON "Conversation"("chatId", "userId");

-- CreateIndex
CREATE INDEX "ProcessedUpdate_processedAt_idx" ON "ProcessedUpdate"("processedAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invite" ADD CONSTRAINT "Invite_usedById_fkey" FOREIGN KEY ("usedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanResponse" ADD CONSTRAINT "PlanResponse_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanResponse" ADD CONSTRAINT "PlanResponse_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_leadAgencyId_fkey" FOREIGN KEY ("leadAgencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityCoordinator" ADD CONSTRAINT "ActivityCoordinator_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityCoordinator" ADD CONSTRAINT "ActivityCoordinator_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityCountry" ADD CONSTRAINT "ActivityCountry_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityFunding" ADD CONSTRAINT "ActivityFunding_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityHistory" ADD CONSTRAINT "ActivityHistory_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityHistory" ADD CONSTRAINT "ActivityHistory_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_responsibleAgencyId_fkey" FOREIGN KEY ("responsibleAgencyId") REFERENCES "Agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

