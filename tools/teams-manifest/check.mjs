// Validates manifest.json of a Teams app package (unzipped into the folder given) against the
// v1.30 schema Microsoft publishes (shipped in @microsoft/app-manifest), and checks that the icons
// it names are in the package.
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";

const folder = process.argv[2];
const require = createRequire(import.meta.url);
const schemaPath = join(require.resolve("@microsoft/app-manifest/package.json"), "..", "build/json-schemas/teams/v1.30/MicrosoftTeams.schema.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const manifest = JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8"));

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
const problems = validate(manifest) ? [] : validate.errors.map(e => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
for (const icon of [manifest.icons?.color, manifest.icons?.outline]) {
  if (!icon || !existsSync(join(folder, icon))) problems.push(`icon ${icon} is not in the package`);
}
if (problems.length > 0) {
  console.error(`manifest.json does not match Teams manifest schema v${schema.properties.manifestVersion.const ?? "?"}:`);
  for (const p of problems) console.error("  " + p);
  process.exit(1);
}
console.log(`Teams package: manifest.json valid against schema v1.30, ${Object.keys(manifest.bots[0].commandLists).length} command lists, icons present.`);
