-- CreateIndex
CREATE INDEX "Activity_summary_counts_idx" ON "Activity"("type", "status", "leadAgencyId", "startDate", "endDate", "planId", "reference");

-- CreateIndex
CREATE INDEX "Activity_summary_chart_idx" ON "Activity"("type", "timingPrecision", "startDate", "endDate", "status", "planId", "reference");

-- CreateIndex
CREATE INDEX "Activity_summary_scope_idx" ON "Activity"("id", "status", "startDate", "endDate", "planId", "reference");

-- CreateIndex
CREATE INDEX "Activity_overdue_idx" ON "Activity"("status", "endDate", "startDate", "planId", "reference");

-- CreateIndex
CREATE INDEX "Activity_upcoming_idx" ON "Activity"("startDate", "id");
