// One line per job board with a partner API: adding a board means a folder plus a line here (README
// "Adding a board"). A board's key is its entry under `tenants[].boards` in the config, its `Board`
// value (common/types.ts) and its webhook path `/webhooks/{board}/{tenantId}`.
import type { TenantConfig } from '../common/config-schema';
import type { Board } from '../common/types';
import type { AnyBoardContract, BoardContract } from './board-contract';
import { doumiBoard } from './doumi/doumi-board';
import { jianzhimaoBoard } from './jianzhimao/jianzhimao-board';

type BoardConfigs = TenantConfig['boards'];

const REGISTRY = {
  doumi: doumiBoard,
  jianzhimao: jianzhimaoBoard,
} satisfies { [B in keyof BoardConfigs]-?: BoardContract<NonNullable<BoardConfigs[B]>, unknown, unknown, unknown> };

/** The boards that have a partner API (webhooks, polling, feedback, postings, CSV exports). */
export type PartnerBoard = keyof typeof REGISTRY;
/** Compile-time check: every partner board is a canonical `Board` (which also has `direct`). */
export type PartnerBoardIsBoard = PartnerBoard extends Board ? true : never;
const _partnerBoardIsBoard: PartnerBoardIsBoard = true;
void _partnerBoardIsBoard;

/** In registry order (the order pollers are started and postings published in). */
export const PARTNER_BOARDS = Object.keys(REGISTRY) as [PartnerBoard, ...PartnerBoard[]];

export const isPartnerBoard = (board: string): board is PartnerBoard => Object.hasOwn(REGISTRY, board);

/** The contract of one board, for board-neutral callers; pair it with the client it created. */
export function boardContract(board: PartnerBoard): AnyBoardContract {
  const contract: AnyBoardContract = REGISTRY[board];
  return contract;
}

/** The client a board's `createClient` builds, for code that knows which board it holds. */
export type BoardClientOf<B extends PartnerBoard> = ReturnType<(typeof REGISTRY)[B]['createClient']>;
/** A board's entry under `tenants[].boards`. */
export type PartnerBoardConfig<B extends PartnerBoard> = NonNullable<BoardConfigs[B]>;
