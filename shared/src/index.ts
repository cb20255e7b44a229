export * from './errors.js';
export * from './languages.js';
export * from './roles.js';
export * from './text.js';
export * from './progress.js';
export * from './align/index.js';
export * from './segment/index.js';
