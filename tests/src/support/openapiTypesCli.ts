import { readFileSync, writeFileSync } from 'node:fs';
import { OPENAPI_FILE } from '@lockstep/server/routes/openapi';
import { GENERATED_FILE, openApiTypesSource } from './openapiTypes.js';

// `npm run api-types`: rewrites tests/src/api/openapi.generated.ts from docs/openapi.yaml.
writeFileSync(GENERATED_FILE, await openApiTypesSource(readFileSync(OPENAPI_FILE, 'utf8')));
console.log(`wrote ${GENERATED_FILE.pathname}`);
