export { segment, type Sentence } from './segment';
