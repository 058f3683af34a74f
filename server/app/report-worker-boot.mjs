// A worker thread cannot load TypeScript by itself (tsx, vitest and `node` differ in how they
// would): register tsx's loader here, then run the report worker written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./report-worker.ts');
