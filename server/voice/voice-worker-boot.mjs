// A worker thread cannot load TypeScript by itself (tsx, vitest and `node` differ in how they
// would): register tsx's loader here, then run the voice worker written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./voice-worker.ts');
