export * from './rules.js';
export * from './match.js';
export * from './exchange.js';
export * from './csv.js';
export * from './tbx.js';
