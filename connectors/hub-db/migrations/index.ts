// The hub database's migrations, listed in code so knex finds them the same way under ts-jest, tsx
// and compiled JS (a directory scan would look for .ts or .js depending on how the hub runs).
import type { Knex } from 'knex';
import * as m001 from './001-applications';
import * as m002 from './002-candidates';
import * as m003 from './003-audit-events';
import * as m004 from './004-notifications';
import * as m005 from './005-destination-writes';
import * as m006 from './006-quarantine';
import * as m008 from './008-board-postings';
import * as m009 from './009-board-feedback';
import * as m010 from './010-assessments';
import * as m011 from './011-deadline-provisional';

export interface HubMigration {
  /** Recorded in the migrations table: never rename one that has shipped. */
  name: string;
  migration: Knex.Migration;
}

/** Append new migrations at the end with the next number. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [
  { name: '001-applications', migration: m001 },
  { name: '002-candidates', migration: m002 },
  { name: '003-audit-events', migration: m003 },
  { name: '004-notifications', migration: m004 },
  { name: '005-destination-writes', migration: m005 },
  { name: '006-quarantine', migration: m006 },
  { name: '008-board-postings', migration: m008 },
  { name: '009-board-feedback', migration: m009 },
  { name: '010-assessments', migration: m010 },
  { name: '011-deadline-provisional', migration: m011 },
];

export const hubMigrationSource: Knex.MigrationSource<HubMigration> = {
  getMigrations: async () => [...HUB_MIGRATIONS],
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m.migration,
};
