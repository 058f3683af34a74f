/**
 * A worker thread doing background work (a report) gives way to the server's thread. Measured with
 * three yearly reports running back to back on the 2-core machine: the server's thread was busy
 * only 0.66 s in 10 s, yet waited 2.6 s for a CPU behind the report thread (4.9 s busy), so a ticket
 * issue took up to 120 ms. At the lowest priority the report thread still gets every CPU moment the
 * hall does not need; it just never takes one from the hall.
 */
import { constants, setPriority } from 'node:os';

/** Lowers the calling thread's CPU priority to the lowest (nice 19), on Linux only. */
export function giveWayToTheServer(): void {
  // On Linux each thread has its own nice value and pid 0 names the calling thread alone; elsewhere
  // it would name the whole process, the server's thread with it.
  if (process.platform !== 'linux') return;
  try {
    setPriority(constants.priority.PRIORITY_LOW);
  } catch {
    // A sandbox that forbids it: the thread runs at the normal priority, as before.
  }
}
