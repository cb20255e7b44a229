import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { parse } from 'yaml';

/**
 * TypeScript types generated from docs/openapi.yaml's component schemas, so that tsc can
 * compare them with the hand-written API types in `@lockstep/shared/api`
 * (tests/src/api/apiTypes.check.ts). The generated file is committed because tsc only checks
 * files; openapi.test.ts fails when it is older than the YAML (`npm run api-types` rewrites it).
 */

export const GENERATED_FILE = new URL('../api/openapi.generated.ts', import.meta.url);

const BANNER = `/* Generated from docs/openapi.yaml by \`npm run api-types\` (tests/src/support/openapiTypes.ts). Do not edit. */`;

export async function openApiTypesSource(yamlText: string): Promise<string> {
  const spec = parse(yamlText) as { components: { schemas: Record<string, JSONSchema> } };
  const schemas = spec.components.schemas;
  const names = Object.keys(schemas);
  // One root type whose properties are the components, each by $ref, so that every component
  // is emitted under its own name and reachable as OpenApiSchemas['Name'].
  const root: JSONSchema = {
    title: 'OpenApiSchemas',
    type: 'object',
    additionalProperties: false,
    required: names,
    properties: Object.fromEntries(names.map((n) => [n, { $ref: `#/components/schemas/${n}` }])),
    components: { schemas },
  } as JSONSchema;
  return compile(root, 'OpenApiSchemas', {
    bannerComment: BANNER,
    // The YAML says `additionalProperties: false` where it means it; elsewhere (request bodies)
    // extra keys are ignored by the server, which an index signature would not express anyway.
    additionalProperties: false,
    format: false,
    unknownAny: true,
    declareExternallyReferenced: true,
  });
}
