// The interview session's own step: an optional follow-up question to an answer, written by the
// configured LLM from the redacted answer (the deterministic scorer writes none).
import { invalidError } from '../common/errors';
import type { ApplicationRef } from '../common/types';
import { createRedactor } from '../connectors/llm/redact';
import type { ActivityDeps } from './deps';

export function createInterviewActivities({ store, scorer }: Pick<ActivityDeps, 'store' | 'scorer'>) {
  return {
    async generateFollowUp({ ref, question, answer }: { ref: ApplicationRef; jobCode: string; question: string; answer: string }): Promise<string | null> {
      if (!scorer.followUp) return null;
      const application = await store.applications.get(ref);
      if (!application) throw invalidError('ApplicationMissing', `application ${ref.board}/${ref.applicationId} is not in the hub database`);
      return scorer.followUp(question, createRedactor(application.candidate.name).redact(answer));
    },
  };
}
