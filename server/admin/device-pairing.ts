/**
 * Enrolling a device by a pairing code instead of a shared password: a manager asks for a code for
 * one device of their hall (6 digits, valid 10 minutes, single use) and types it on the device,
 * which gets that device's token. Codes are small values in the store with a time to live, taken
 * atomically (`take`), so two devices can never both use one; wrong tries are limited per address
 * and per hall by the one limiter, counted before the code is looked at.
 */
import { randomInt } from 'node:crypto';
import type { Limiter } from '../app/limiter';
import { DEVICE_ROLES, type Account, type AccountDirectory } from '../auth/accounts';
import { DomainError } from '../domain/errors';
import type { EventStore } from '../store/event-store';
import { mayManage } from './account-admin';

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

const codeKey = (hallId: string, code: string): string => `pairing:${hallId}:${code}`;

export class DevicePairing {
  constructor(private readonly deps: { store: EventStore; accounts: AccountDirectory; limiter: Limiter; ttlMs?: number | undefined }) {}

  async issue(actor: Account, hallId: string, deviceId: string, now: number): Promise<{ code: string; expiresAt: string }> {
    const device = this.deps.accounts.get(deviceId);
    if (!device || device.hallId !== hallId || !DEVICE_ROLES.has(device.role))
      throw new DomainError('account_not_found', `no device ${deviceId} in hall ${hallId}`);
    if (!mayManage(actor, device)) throw new DomainError('forbidden', `may not pair ${deviceId}`);
    const ttlMs = this.deps.ttlMs ?? PAIRING_CODE_TTL_MS;
    for (;;) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // Another device's live code in this hall: draw again.
      if (await this.deps.store.putIfAbsent(codeKey(hallId, code), deviceId, ttlMs)) {
        return { code, expiresAt: new Date(now + ttlMs).toISOString() };
      }
    }
  }

  /**
   * The device a code enrols, once. The try is counted against the address and the hall before the
   * code is taken (a refused try does not spend it); a right code is given back, a wrong, used or
   * expired one stays counted.
   */
  async use(hallId: string, code: string, ip: string): Promise<Account> {
    const pass = await this.deps.limiter.count([
      { limit: 'pairing-address', subject: ip },
      { limit: 'pairing-hall', subject: hallId },
    ]);
    const deviceId = await this.deps.store.take(codeKey(hallId, code));
    const device = deviceId === null ? undefined : this.deps.accounts.get(deviceId);
    if (!device || device.disabled || device.hallId !== hallId) {
      throw new DomainError('pairing_code_invalid', 'wrong, used or expired pairing code', { field: 'code' });
    }
    await pass.succeeded();
    return device;
  }
}
