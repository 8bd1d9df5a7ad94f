import type { Db } from '../client.js';
import type { DbProvider } from '../provider.js';
import { createActivitiesRepo } from './activities.js';
import { createAgenciesRepo } from './agencies.js';
import { createBoardRepo } from './board.js';
import { createCalendarRepo } from './calendar.js';
import { createChangesRepo } from './changes.js';
import { createChangeRequestsRepo } from './change-requests.js';
import { createChatGroupsRepo } from './chat-groups.js';
import { createConversationsRepo } from './conversations.js';
import { createFollowUpsRepo } from './follow-ups.js';
import { createInvitesRepo } from './invites.js';
import { createJobRunsRepo } from './job-runs.js';
import { createNotificationsRepo } from './notifications.js';
import { createPlanImportsRepo } from './plan-imports.js';
import { createPlansRepo } from './plans.js';
import { createProcessedUpdatesRepo } from './processed-updates.js';
import { createReportsRepo } from './reports.js';
import { createSettingsRepo } from './settings.js';
import { createSharedLimitsRepo } from './shared-limits.js';
import { createUsersRepo } from './users.js';
import { createUserStatesRepo } from './user-states.js';

export function createRepos(db: Db, provider: DbProvider) {
  return {
    activities: createActivitiesRepo(db),
    agencies: createAgenciesRepo(db),
    board: createBoardRepo(db),
    calendar: createCalendarRepo(db),
    changeRequests: createChangeRequestsRepo(db),
    changes: createChangesRepo(db),
    chatGroups: createChatGroupsRepo(db),
    conversations: createConversationsRepo(db, provider),
    followUps: createFollowUpsRepo(db),
    invites: createInvitesRepo(db),
    jobRuns: createJobRunsRepo(db),
    notifications: createNotificationsRepo(db, provider),
    planImports: createPlanImportsRepo(db),
    plans: createPlansRepo(db),
    processedUpdates: createProcessedUpdatesRepo(db),
    reports: createReportsRepo(db, provider),
    settings: createSettingsRepo(db),
    /** PostgreSQL only (SendPace, RateWindow): limits shared by the instances. */
    sharedLimits: createSharedLimitsRepo(db),
    users: createUsersRepo(db),
    userStates: createUserStatesRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;
