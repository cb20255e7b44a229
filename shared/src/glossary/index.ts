export * from './rules.js';
export * from './match.js';
