// The ~1 MB of license fingerprints, in a module of its own so identify.ts can
// require it on first use: the bundler then defers evaluating it, and most
// sessions never identify a license file.
import fingerprints from './generated/license-fingerprints.json';

export default fingerprints;
