-- CreateIndex
CREATE INDEX "Plan_updatedAt_idx" ON "Plan"("updatedAt");

-- CreateIndex
CREATE INDEX "PlanResponse_updatedAt_idx" ON "PlanResponse"("updatedAt");

-- CreateIndex
CREATE INDEX "Activity_updatedAt_idx" ON "Activity"("updatedAt");

-- CreateIndex
CREATE INDEX "FollowUp_updatedAt_idx" ON "FollowUp"("updatedAt");
