// Issues the candidate's signed links: the interview page and the result lookup.
import { signLink } from '../common/signed-links';
import type { ActivityDeps } from './deps';

const RESULT_LINK_LIFETIME_S = 90 * 24 * 3600;

export function createLinkActivities({ config }: Pick<ActivityDeps, 'config'>) {
  const base = config.hub.publicBaseUrl.replace(/\/$/, '');
  return {
    async issueLinks({ workflowId, interviewExpiresAt, now }: { workflowId: string; interviewExpiresAt: string; now: string }) {
      const interviewToken = signLink(config.hub.linkSecret, {
        workflowId,
        purpose: 'interview',
        expiresAt: Math.floor(Date.parse(interviewExpiresAt) / 1000),
      });
      const resultToken = signLink(config.hub.linkSecret, {
        workflowId,
        purpose: 'result',
        expiresAt: Math.floor(Date.parse(now) / 1000) + RESULT_LINK_LIFETIME_S,
      });
      return { interviewLink: `${base}/i/${interviewToken}`, resultLink: `${base}/r/${resultToken}` };
    },
  };
}
