/**
 * Who may sign in: every hall's staff and devices, and the deployment's administrators.
 * In demo mode every account has the password `demo`.
 */
import type { HallConfig, Role } from '../domain/types';
import { hashPassword } from './passwords';

export interface Account {
  id: string;
  name: string;
  role: Role;
  /** Null: every hall (administrators). */
  hallId: string | null;
  staffNo: string | null;
  passwordHash: string | null;
}

export interface AdminConfig {
  id: string;
  name: string;
  passwordHash: string;
}

const DEVICE_NAMES = { kiosk: '取号机', display: '显示屏', rating: '评价器' } as const;

export const DEMO_PASSWORD = 'demo';

export class AccountDirectory {
  private readonly byId = new Map<string, Account>();

  constructor(accounts: Account[]) {
    for (const a of accounts) {
      if (this.byId.has(a.id)) throw new Error(`account ${a.id} is defined twice`);
      this.byId.set(a.id, a);
    }
  }

  get(id: string): Account | undefined {
    return this.byId.get(id);
  }

  all(): Account[] {
    return [...this.byId.values()];
  }
}

/**
 * The accounts of these halls. With `demo`, accounts without a hash get the demo password and an
 * `admin` account exists; all demo accounts share one hash so start-up stays fast.
 */
export async function buildAccounts(halls: HallConfig[], admins: AdminConfig[], demo: boolean): Promise<AccountDirectory> {
  const demoHash = demo ? await hashPassword(DEMO_PASSWORD) : null;
  const accounts: Account[] = admins.map((a) => ({ id: a.id, name: a.name, role: 'admin', hallId: null, staffNo: null, passwordHash: a.passwordHash }));
  if (demo && !admins.some((a) => a.id === 'admin')) {
    accounts.push({ id: 'admin', name: '系统管理员', role: 'admin', hallId: null, staffNo: null, passwordHash: demoHash });
  }
  for (const hall of halls) {
    for (const s of hall.staff) {
      accounts.push({ id: s.id, name: s.name, role: s.role, hallId: hall.id, staffNo: s.staffNo ?? null, passwordHash: s.passwordHash ?? demoHash });
    }
    for (const d of hall.devices) {
      accounts.push({ id: d.id, name: `${hall.name}${DEVICE_NAMES[d.kind]}`, role: d.kind, hallId: hall.id, staffNo: null, passwordHash: d.passwordHash ?? demoHash });
    }
  }
  return new AccountDirectory(accounts);
}
