// Type-checks the JSON the tests kept (DISCORD_JSON_DUMP) against Discord's documented types
// (discord-api-types): each file becomes `const x: Type = <json>;` and tsc checks them all, strictly,
// excess properties included. Exits non-zero on the first mismatch list.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dump = process.argv[2];
const types = {
  'response': 'APIInteractionResponse',
  'patch-original': 'RESTPatchAPIWebhookWithTokenMessageJSONBody',
  'webhook-post': 'RESTPostAPIWebhookWithTokenJSONBody',
  'channel-message': 'RESTPostAPIChannelMessageJSONBody',
  'dm-channel': 'RESTPostAPICurrentUserCreateDMChannelJSONBody',
  'commands': 'RESTPutAPIApplicationCommandsJSONBody',
};
const out = path.join(here, 'generated');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out);
const files = fs.readdirSync(dump).filter(f => f.endsWith('.json'));
let count = 0;
for (const file of files) {
  const kind = file.split('.')[0];
  const type = types[kind];
  if (!type) continue;
  const json = fs.readFileSync(path.join(dump, file), 'utf8');
  fs.writeFileSync(path.join(out, file.replace(/\.json$/, '.ts')),
    `import type { ${type} } from 'discord-api-types/v10';\nexport const value: ${type} = ${json};\n`);
  count++;
}
if (count === 0) { console.error('no JSON to check: run the Discord tests with DISCORD_JSON_DUMP set'); process.exit(1); }
fs.writeFileSync(path.join(out, 'tsconfig.json'), JSON.stringify({
  compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true,
    typeRoots: [], baseUrl: here, paths: { 'discord-api-types/*': [path.join(here, 'node_modules/discord-api-types/*')] } },
  include: ['*.ts'],
}));
try {
  execFileSync(path.join(here, 'node_modules/.bin/tsc'), ['-p', out], { stdio: 'inherit' });
  console.log(`discord-types: ${count} JSON bodies sent to Discord match discord-api-types`);
} catch {
  process.exit(1);
}
