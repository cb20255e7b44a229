export { markupToCoded, markupToPlain, placeCodesByPosition, runsToMarkup, runsToPlain } from './markup.js';
