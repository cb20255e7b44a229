import { fileURLToPath } from 'node:url';

/**
 * Loads a pure client module for a unit test. The path is computed, not written as an import,
 * because the tests' TypeScript project must not pull client/src (a Bundler-resolved project
 * with its own rootDir) into its program; Jest transforms the module like any other. Tests
 * declare the slice of the module's types they use.
 */
export async function clientModule<T>(relative: string): Promise<T> {
  const file: string = fileURLToPath(new URL(`../../../client/src/${relative}`, import.meta.url));
  return (await import(file)) as T;
}
