// Writes config/hub-config.schema.json from the zod schema, for editors (YAML language server,
// VS Code). `npm run config:schema`; a test fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configJsonSchema } from '../common/config-json-schema';

const target = join(__dirname, '..', 'config', 'hub-config.schema.json');
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target}`);
