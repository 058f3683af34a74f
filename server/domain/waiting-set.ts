/**
 * Who waits in one area (`HallState.waiting`): membership and the count, in O(1). The call order is
 * kept elsewhere (`queue-order.ts`). Reading the whole set is counted as queue entries touched
 * (`work.ts`), so a pass over an area on the hot path — a sort, a scan for the last one, a
 * re-ordering copy — shows in the complexity test (tests/api/hot-path-work.test.ts) however it is
 * written. Snapshots (a board, the manager's overview) read it whole on purpose, outside commands.
 */
import { work } from './work';

export class WaitingSet extends Set<string> {
  override values(): ReturnType<Set<string>['values']> {
    work.queueEntriesTouched += this.size;
    return super.values();
  }

  override keys(): ReturnType<Set<string>['keys']> {
    return this.values();
  }

  override entries(): ReturnType<Set<string>['entries']> {
    work.queueEntriesTouched += this.size;
    return super.entries();
  }

  override [Symbol.iterator](): ReturnType<Set<string>['values']> {
    return this.values();
  }

  override forEach(each: (value: string, key: string, set: Set<string>) => void, thisArg?: unknown): void {
    work.queueEntriesTouched += this.size;
    super.forEach(each, thisArg);
  }
}
