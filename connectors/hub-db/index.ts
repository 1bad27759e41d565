// The hub database's public face: open it with createHubDb, then use the repositories bundled as a
// HubStore (read model, audit log, outbox, applications, recording destination).
import type { Knex } from 'knex';
import type { HubDb } from './create-hub-db';
import { ApplicationsRepo } from './applications-repo';
import { AssessmentsRepo } from './assessments-repo';
import { AuditRepo } from './audit-repo';
import { CandidatesRepo } from './candidates-repo';
import { DestinationWritesRepo } from './destination-writes-repo';
import { NotificationsRepo } from './notifications-repo';
import { BoardFeedbackRepo } from './board-feedback-repo';
import { BoardPostingsRepo } from './board-postings-repo';
import { QuarantineRepo } from './quarantine-repo';
import type { DataCipher } from '../../common/data-cipher';
import type { RepoOptions } from './sql-helpers';

export interface HubRepos {
  applications: ApplicationsRepo;
  candidates: CandidatesRepo;
  audit: AuditRepo;
  notifications: NotificationsRepo;
  destinationWrites: DestinationWritesRepo;
  boardPostings: BoardPostingsRepo;
  boardFeedback: BoardFeedbackRepo;
  quarantine: QuarantineRepo;
  assessments: AssessmentsRepo;
}

export interface HubStore extends HubRepos {
  /** Runs `work` with repositories bound to one transaction: all of its writes land, or none. */
  transaction<T>(work: (repos: HubRepos) => Promise<T>): Promise<T>;
}

/** dataCipher (from hub.dataKey) seals quarantined payloads; without it the quarantine refuses to write or read them. */
export interface HubStoreOptions extends RepoOptions {
  dataCipher?: DataCipher;
}

function reposOn(knex: Knex, options: HubStoreOptions): HubRepos {
  return {
    applications: new ApplicationsRepo(knex, options),
    candidates: new CandidatesRepo(knex),
    audit: new AuditRepo(knex, options),
    notifications: new NotificationsRepo(knex, options),
    destinationWrites: new DestinationWritesRepo(knex, options),
    boardPostings: new BoardPostingsRepo(knex, options),
    boardFeedback: new BoardFeedbackRepo(knex, options),
    quarantine: new QuarantineRepo(knex, options.dataCipher, options),
    assessments: new AssessmentsRepo(knex, options),
  };
}

export function createHubStore(db: HubDb, options: HubStoreOptions = {}): HubStore {
  return {
    ...reposOn(db.knex, options),
    transaction: (work) => db.knex.transaction((trx) => work(reposOn(trx, options))),
  };
}

export { createHubDb, runMigrations, pingHubDb, resolveHubDbTarget, defaultSqliteFile, MIGRATIONS_TABLE } from './create-hub-db';
export type { HubDb, HubDialect, CreateHubDbOptions, HubDbTarget } from './create-hub-db';
export { ApplicationsRepo } from './applications-repo';
export { CandidatesRepo, MAX_PAGE_SIZE } from './candidates-repo';
export type { CandidateRow, CandidateWrite, CandidateListFilter, CandidatePage, ProvisionalFilter } from './candidates-repo';
export { AuditRepo } from './audit-repo';
export type { AuditEvent, AuditEventInput } from './audit-repo';
export { NotificationsRepo, NotificationAudience, NotificationStatus, MAX_PENDING_BATCH } from './notifications-repo';
export type { Notification, NotificationInput } from './notifications-repo';
export { DestinationWritesRepo } from './destination-writes-repo';
export type { DestinationWriteInput, DestinationWriteFilter, RecordedDestinationWrite } from './destination-writes-repo';
export type { RepoOptions } from './sql-helpers';
export { QuarantineRepo, QuarantineStatus, QUARANTINE_MAX_PAGE_SIZE } from './quarantine-repo';
export type { QuarantineEntry, QuarantineFilter, QuarantineInput } from './quarantine-repo';
export { BoardPostingsRepo, PostingStatus } from './board-postings-repo';
export type { BoardPosting } from './board-postings-repo';
export { BoardFeedbackRepo, FeedbackStatus } from './board-feedback-repo';
export type { BoardFeedback, BoardFeedbackInput } from './board-feedback-repo';
export { AssessmentsRepo } from './assessments-repo';
export type { AssessmentInput, AssessmentReport, StoredAssessment, TranscriptItem } from './assessments-repo';
