export { claimHints, claimScore, type Hint, type HintKind } from './hints';
