// What every system-of-record connector (EHR over REST, ERP over SOAP or SQL, the recording
// stand-in) offers the sync activity: one idempotent write of one mapped payload.
export interface DestinationWrite {
  tenantId: string;
  destinationId: string;
  /** The hub's ID for this person in the target system: create-or-update keys on it. */
  externalId: string;
  event: string;
  /** Built from the workflow ID and the step, never the run ID: a retry reuses it. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
}

export interface DestinationWriter {
  write(write: DestinationWrite): Promise<{ created: boolean }>;
  /** Releases pooled connections (SQL pools); writers without any leave it out. */
  close?(): Promise<void>;
}
