// `npm run docs:config`: writes docs/config.md and switchyard.schema.json from the zod schemas. Rerun it after
// changing a config schema or its documentation; test/config/config-reference.test.ts fails while they are stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateConfigReference, REFERENCE_FILES } from './config-reference/generate-config-reference.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const { markdown, schema, undocumented } = generateConfigReference();
writeFileSync(`${root}${REFERENCE_FILES.markdown}`, markdown);
writeFileSync(`${root}${REFERENCE_FILES.schema}`, schema);
console.log(`wrote ${REFERENCE_FILES.markdown} and ${REFERENCE_FILES.schema}`);
if (undocumented.length > 0) {
  console.warn(`${undocumented.length} key(s) have no description yet (add one beside the schema, in a *-config-docs.ts file):\n${undocumented.map((k) => `  - ${k}`).join('\n')}`);
}
