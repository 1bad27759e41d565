// The search attributes of DESIGN.md: what operators filter on in the Temporal Web UI.
// Never personal data. Deterministic, so workflows import the keys too.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  CandidateStage: defineSearchAttributeKey('CandidateStage', SearchAttributeType.KEYWORD),
  TenantId: defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD),
  JobCode: defineSearchAttributeKey('JobCode', SearchAttributeType.KEYWORD),
  SourceBoard: defineSearchAttributeKey('SourceBoard', SearchAttributeType.KEYWORD),
  InterviewOutcome: defineSearchAttributeKey('InterviewOutcome', SearchAttributeType.KEYWORD),
  OnboardingDeadline: defineSearchAttributeKey('OnboardingDeadline', SearchAttributeType.DATETIME),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);

/** `--search-attribute Name=Type` arguments for `temporal server start-dev`. */
export function searchAttributeCliArgs(): string[] {
  return ALL_SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${key.type === SearchAttributeType.DATETIME ? 'Datetime' : 'Keyword'}`]);
}
