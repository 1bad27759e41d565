// Static checks of the production stack (docker-compose.yml, Dockerfile): no Docker engine is needed,
// so they run everywhere. They pin what a broken edit would otherwise only show at deploy time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { parse } from 'yaml';
import { SA } from '../common/search-attributes';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: { context: string; target?: string };
  command?: string[] | string;
  entrypoint?: string[];
  environment?: Record<string, string | number>;
  env_file?: string | string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  profiles?: string[];
  volumes?: (string | { type: string; source: string; target: string; read_only?: boolean })[];
}

// `merge: true`: compose resolves YAML merge keys (<<), which YAML 1.2 parsers leave alone by default.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
};

/** The container side of each published port: "127.0.0.1:8080:8080" → 8080. */
const containerPorts = (s: Service) => (s.ports ?? []).map((p) => Number(String(p).split(':').pop()));

const commandText = (s: Service) => (Array.isArray(s.command) ? s.command.join('\n') : (s.command ?? ''));

/** How `temporal operator search-attribute create --type` spells each type. */
const CLI_TYPE: Record<string, string> = {
  [SearchAttributeType.TEXT]: 'Text',
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.INT]: 'Int',
  [SearchAttributeType.DOUBLE]: 'Double',
  [SearchAttributeType.BOOL]: 'Bool',
  [SearchAttributeType.DATETIME]: 'Datetime',
  [SearchAttributeType.KEYWORD_LIST]: 'KeywordList',
};

describe('docker-compose.yml', () => {
  it('has the Temporal cluster, the hub, and SQL Server behind a profile', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['hub-api', 'hub-db', 'hub-worker', 'mssql', 'temporal', 'temporal-db', 'temporal-schema', 'temporal-search-attributes', 'temporal-ui'].sort(),
    );
    expect(service('mssql').profiles).toEqual(['mssql']);
    // Everything else starts with a plain `docker compose up`.
    for (const [name, s] of Object.entries(services)) if (name !== 'mssql') expect({ name, profiles: s.profiles }).toEqual({ name, profiles: undefined });
  });

  it('pins every image to an exact version, never latest', () => {
    const images = Object.values(services).flatMap((s) => (s.image ? [s.image] : []));
    expect(images.length).toBeGreaterThanOrEqual(7);
    for (const image of images) {
      const tag = image.slice(image.lastIndexOf(':') + 1);
      expect({ image, hasTag: image.lastIndexOf(':') > image.lastIndexOf('/') }).toEqual({ image, hasTag: true });
      expect(tag).not.toMatch(/latest/i);
      expect(tag).not.toMatch(/\$\{/); // not left to whatever the environment says
      // x.y.z (optionally -variant), x.y for PostgreSQL, or SQL Server's year-CUn-os form.
      expect({ image, pinned: /^\d+\.\d+(\.\d+)?(-[\w.-]+)?$/.test(tag) || /^\d{4}-CU\d+-[\w.-]+$/.test(tag) }).toEqual({ image, pinned: true });
    }
    // The schema tool must be the release of the server it prepares the database for.
    const version = (name: string) => service(name).image!.split(':')[1];
    expect(version('temporal-schema')).toBe(version('temporal'));
    expect(version('temporal-search-attributes')).toBe(version('temporal'));
    expect(service('temporal').image).toMatch(/^temporalio\/server:/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:/);
    expect(service('temporal-db').image).toMatch(/^postgres:/);
    expect(service('hub-db').image).toMatch(/^postgres:/);
    expect(service('mssql').image).toMatch(/^mcr\.microsoft\.com\/mssql\/server:/);
  });

  it('publishes Temporal on 7233, the Web UI on 8080 and the API on 3000', () => {
    expect(containerPorts(service('temporal'))).toEqual([7233]);
    expect(containerPorts(service('temporal-ui'))).toEqual([8080]);
    expect(containerPorts(service('hub-api'))).toEqual([3000]);
    expect(service('hub-api').environment?.PORT).toBe(3000);
    // Temporal and its UI have no authentication of their own: loopback only.
    expect(service('temporal').ports).toEqual(['127.0.0.1:7233:7233']);
    expect(service('temporal-ui').ports).toEqual(['127.0.0.1:8080:8080']);
  });

  it('starts things in order: databases, schema, Temporal, search attributes, then the hub', () => {
    expect(service('temporal-schema').depends_on).toEqual({ 'temporal-db': { condition: 'service_healthy' } });
    expect(service('temporal').depends_on).toEqual({
      'temporal-db': { condition: 'service_healthy' },
      'temporal-schema': { condition: 'service_completed_successfully' },
    });
    expect(service('temporal-search-attributes').depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    expect(service('temporal-ui').depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    for (const name of ['hub-worker', 'hub-api']) {
      expect(service(name).depends_on).toEqual({
        temporal: { condition: 'service_healthy' },
        'temporal-search-attributes': { condition: 'service_completed_successfully' },
        'hub-db': { condition: 'service_healthy' },
      });
    }
  });

  it('gives every service others wait for as healthy a health check, and one-shots no restart', () => {
    for (const s of Object.values(services)) {
      for (const [dependency, { condition }] of Object.entries(s.depends_on ?? {})) {
        // Without a health check, `service_healthy` would never be reached and `up` would hang.
        if (condition === 'service_healthy') expect({ dependency, checked: (service(dependency).healthcheck?.test.length ?? 0) > 1 }).toEqual({ dependency, checked: true });
      }
    }
    expect(service('hub-api').healthcheck?.test.join(' ')).toContain('/healthz');
    for (const name of ['temporal-schema', 'temporal-search-attributes']) expect(services[name]).toMatchObject({ restart: 'no' });
  });

  it('registers exactly the search attributes of common/search-attributes.ts, one per call', () => {
    const s = service('temporal-search-attributes');
    expect(s.image).toMatch(/^temporalio\/admin-tools:/);
    const script = commandText(s);
    const calls = script.split('\n').filter((line) => line.includes('temporal operator search-attribute create'));
    const registered = calls.map((line) => {
      // Several --name with one --type would add only the first name, so each call has one of each.
      expect(line.match(/--name /g)).toHaveLength(1);
      expect(line.match(/--type /g)).toHaveLength(1);
      return `${/--name (\w+)/.exec(line)![1]}=${/--type (\w+)/.exec(line)![1]}`;
    });
    const expected = Object.values(SA).map((key) => `${key.name}=${CLI_TYPE[key.type]}`);
    expect(registered.sort()).toEqual(expected.sort());
    expect(expected.sort()).toEqual(
      ['CandidateStage=Keyword', 'InterviewOutcome=Keyword', 'JobCode=Keyword', 'OnboardingDeadline=Datetime', 'SourceBoard=Keyword', 'TenantId=Keyword'].sort(),
    );
    // On the hub's namespace, which the same job creates first.
    for (const line of calls) expect(line).toContain('--namespace "$$TEMPORAL_NAMESPACE"');
    expect(script).toContain('temporal operator namespace create');
    expect(s.environment?.TEMPORAL_NAMESPACE).toBe(service('hub-worker').environment?.TEMPORAL_NAMESPACE);
  });

  it('sets up both Temporal databases with the schema tool', () => {
    const script = commandText(service('temporal-schema'));
    expect(script).toMatch(/for db in temporal temporal_visibility/);
    for (const step of ['create', 'setup-schema -v 0.0', 'update-schema -d']) expect(script).toContain(step);
    expect(script).toContain('/etc/temporal/schema/postgresql/v12/');
    expect(service('temporal').environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'temporal-db' });
  });

  it('mounts the dynamic config file the server is told to read', () => {
    const temporal = service('temporal');
    const mount = (temporal.volumes ?? []).find((v): v is string => typeof v === 'string' && v.includes(':/etc/temporal/config/dynamicconfig'));
    expect(mount).toBeDefined();
    const hostDir = mount!.split(':')[0]!;
    const file = String(temporal.environment?.DYNAMIC_CONFIG_FILE_PATH).replace(/^config\/dynamicconfig\//, '');
    expect(existsSync(join(ROOT, hostDir, file))).toBe(true);
    expect(parse(read(join(hostDir, file)))).toMatchObject({ 'frontend.enableUpdateWorkflowExecution': [{ value: true }] });
  });

  it('gives the hub its connections, configuration file and secrets without writing any secret down', () => {
    for (const name of ['hub-worker', 'hub-api']) {
      const s = service(name);
      expect(s.environment).toMatchObject({
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: expect.any(String),
        DATABASE_URL: expect.stringMatching(/^postgres:\/\/hirebridge:\$\{HUB_DB_PASSWORD:\?[^}]*\}@hub-db:5432\/hirebridge$/),
        HUB_CONFIG: '/etc/hirebridge/hub.yaml',
      });
      expect(s.env_file).toBe('.env');
      expect(s.volumes).toContainEqual(expect.objectContaining({ type: 'bind', target: s.environment?.HUB_CONFIG, read_only: true }));
    }
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD|PWD|SECRET/.test(key)) expect({ name, key, value }).toEqual({ name, key, value: expect.stringMatching(/^\$\{[A-Z_]+(:[?-][^}]*)?\}$/) });
      }
    }
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(existsSync(join(ROOT, '.env.example'))).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  /** Stage name → its lines, in order. */
  const stages = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of dockerfile.split('\n')) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stages.set(from[2] ?? from[1]!, (current = []));
    current.push(line);
  }

  it('builds in stages on a pinned Node 20 image with npm ci and npm run build', () => {
    expect(stages.size).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20\.\d+\.\d+-[\w.-]+$/m);
    const build = stages.get('build')!.join('\n');
    expect(build).toMatch(/COPY package\.json package-lock\.json/);
    expect(build).toMatch(/RUN npm ci\b/);
    expect(build).toMatch(/npm run build/);
    expect(build).toMatch(/npm prune --omit=dev/);
    expect(stages.get('runtime')!.join('\n')).toMatch(/COPY --from=build \/app\/dist/);
    expect(stages.get('runtime')!.join('\n')).toMatch(/^USER node$/m);
  });

  it('runs dist/workers/main.js and dist/api/main.js in the targets the compose file builds', () => {
    expect(stages.get('hub-worker')!.join('\n')).toContain('CMD ["node", "dist/workers/main.js"]');
    expect(stages.get('hub-api')!.join('\n')).toContain('CMD ["node", "dist/api/main.js"]');
    expect(service('hub-worker').build).toEqual({ context: '.', target: 'hub-worker' });
    expect(service('hub-api').build).toEqual({ context: '.', target: 'hub-api' });
    // `npm run build` puts workers/main.ts and api/main.ts at those paths.
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toMatch(/^tsc -p tsconfig\.build\.json && .*cpSync\('connectors\/erp-soap\/wsdl', 'dist\/connectors\/erp-soap\/wsdl'/);
    const base = JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string; rootDir: string } };
    const build = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    expect(base.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(build.include).toEqual(expect.arrayContaining(['workers', 'api']));
  });

  it('keeps secrets and local artefacts out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['.env', '.env.*', 'node_modules', 'dist', '.git', '.tools']) expect(ignored).toContain(entry);
  });
});
