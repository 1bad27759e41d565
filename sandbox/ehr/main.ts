// Standalone EHR simulator for `npm run dev` (port from PORT, default 4104). Its credentials are the
// dev config's defaults, overridable by the same environment variables the hub config reads.
import { startEhrSimulator, type EhrSimAuth } from './ehr-simulator';

function authFromEnv(env: NodeJS.ProcessEnv): EhrSimAuth {
  switch (env.EHR_AUTH_MODE ?? 'hmac') {
    case 'api-key':
      return { mode: 'api-key', key: env.DEMO_EHR_API_KEY ?? 'dev-ehr-api-key-0000' };
    case 'oauth2':
      return { mode: 'oauth2', clientId: env.DEMO_EHR_CLIENT_ID ?? 'dev-ehr-client', clientSecret: env.DEMO_EHR_CLIENT_SECRET ?? 'dev-ehr-client-secret' };
    default:
      return { mode: 'hmac', keyId: env.DEMO_EHR_KEY_ID ?? 'dev-ehr-key', secret: env.DEMO_EHR_HMAC_SECRET ?? 'dev-ehr-hmac-secret-change-me' };
  }
}

async function main(): Promise<void> {
  const auth = authFromEnv(process.env);
  const sim = await startEhrSimulator({ auth, port: Number(process.env.PORT ?? 4104) });
  console.log(`[ehr-sim] listening on ${sim.url} (auth ${auth.mode}; control API under /_control)`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`[ehr-sim] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
