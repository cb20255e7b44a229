export * from './errors.js';
export * from './languages.js';
export * from './roles.js';
export * from './text.js';
