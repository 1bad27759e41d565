// The hub database's public face: open it with createHubDb, then use the repositories bundled as a
// HubStore (read model, audit log, outbox, applications, recording destination).
import type { Knex } from 'knex';
import type { HubDb } from './create-hub-db';
import { ApplicationsRepo } from './applications-repo';
import { AuditRepo } from './audit-repo';
import { CandidatesRepo } from './candidates-repo';
import { DestinationWritesRepo } from './destination-writes-repo';
import { NotificationsRepo } from './notifications-repo';
import type { RepoOptions } from './sql-helpers';

export interface HubRepos {
  applications: ApplicationsRepo;
  candidates: CandidatesRepo;
  audit: AuditRepo;
  notifications: NotificationsRepo;
  destinationWrites: DestinationWritesRepo;
}

export interface HubStore extends HubRepos {
  /** Runs `work` with repositories bound to one transaction: all of its writes land, or none. */
  transaction<T>(work: (repos: HubRepos) => Promise<T>): Promise<T>;
}

function reposOn(knex: Knex, options: RepoOptions): HubRepos {
  return {
    applications: new ApplicationsRepo(knex, options),
    candidates: new CandidatesRepo(knex),
    audit: new AuditRepo(knex, options),
    notifications: new NotificationsRepo(knex, options),
    destinationWrites: new DestinationWritesRepo(knex, options),
  };
}

export function createHubStore(db: HubDb, options: RepoOptions = {}): HubStore {
  return {
    ...reposOn(db.knex, options),
    transaction: (work) => db.knex.transaction((trx) => work(reposOn(trx, options))),
  };
}

export { createHubDb, runMigrations, pingHubDb, resolveHubDbTarget, defaultSqliteFile, MIGRATIONS_TABLE } from './create-hub-db';
export type { HubDb, HubDialect, CreateHubDbOptions, HubDbTarget } from './create-hub-db';
export { ApplicationsRepo } from './applications-repo';
export { CandidatesRepo, MAX_PAGE_SIZE } from './candidates-repo';
export type { CandidateRow, CandidateListFilter, CandidatePage } from './candidates-repo';
export { AuditRepo } from './audit-repo';
export type { AuditEvent, AuditEventInput } from './audit-repo';
export { NotificationsRepo, NotificationAudience, NotificationStatus, MAX_PENDING_BATCH } from './notifications-repo';
export type { Notification, NotificationInput } from './notifications-repo';
export { DestinationWritesRepo } from './destination-writes-repo';
export type { DestinationWriteInput, DestinationWriteFilter, RecordedDestinationWrite } from './destination-writes-repo';
export type { RepoOptions } from './sql-helpers';
