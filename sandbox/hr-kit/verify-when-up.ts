// For `npm run dev`: the simulators start before the hub, so the URL verification a tool runs when
// a tenant sets its callback URL is retried here until the hub answers it (or gives up quietly).
import type { CallbackDelivery } from './callback-sender';

export function verifyWhenHubIsUp(label: string, verify: () => Promise<CallbackDelivery[]>, timeoutMs = 180_000, everyMs = 3000): void {
  const until = Date.now() + timeoutMs;
  const tick = async (): Promise<void> => {
    let results: CallbackDelivery[] = [];
    try {
      results = await verify();
    } catch (err) {
      console.log(`[${label}] URL verification not sent: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    const failed = results.filter((d) => !d.attempts[d.attempts.length - 1]?.ok);
    if (failed.length === 0) {
      console.log(`[${label}] callback URL verified for ${results.map((d) => d.tenantId).join(', ') || 'no tenant'}`);
      return;
    }
    const refused = failed.some((d) => d.attempts.some((a) => a.status !== undefined));
    if (refused || Date.now() > until) {
      const last = failed[0]!.attempts[failed[0]!.attempts.length - 1];
      console.log(`[${label}] callback URL verification failed for ${failed.map((d) => d.tenantId).join(', ')}: ${last?.problem ?? 'no answer'}`);
      return;
    }
    setTimeout(() => void tick(), everyMs).unref();
  };
  setTimeout(() => void tick(), everyMs).unref();
}
