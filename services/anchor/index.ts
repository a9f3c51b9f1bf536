export { anchorOf, reanchor, realign, CONTEXT_LENGTH, EDIT_THRESHOLD, type Anchor, type Placed, type Realigned, type RealignedStatement } from './anchor';
