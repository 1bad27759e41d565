// The simulators of the outside world that `npm run dev` starts beside the hub: one line each.
// Each speaks its partner's real wire format and never imports the connector that talks to it.
// The job boards, the EHR/ERP and the LLM simulators arrive with their connector issues; until
// then the embedded stack uses the recording destination and the notification outbox.

export interface SimulatorEntry {
  name: string;
  /** The simulator's entry file, run with tsx. */
  entry: string;
  port: number;
  /** The environment the hub needs to reach it (e.g. a board's base URL for the dev config). */
  hubEnv(baseUrl: string): NodeJS.ProcessEnv;
}

export const SIMULATORS: SimulatorEntry[] = [];
