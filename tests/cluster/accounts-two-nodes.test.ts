/**
 * Accounts are live on every node: two server processes on one Redis. An account created on A signs
 * in on B; a clerk disabled on A is refused on both nodes at the next request, and the open
 * Socket.IO connections it holds on each node are closed within a second.
 */
import { describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol';
import { NodeProcess } from '../support/node-process';
import { signInThroughSecondFactor } from '../support/second-factor';
import { twoNodesOnOneRedis } from '../support/two-nodes';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const BOARD = '/api/v1/halls/yuxi/board';

const login = (node: NodeProcess, username: string, password: string) => node.request('POST', '/api/v1/auth/login', { body: { username, password } });
/** The administrator signs in with the code from their authenticator app (enrolled at the first sign-in). */
const adminOn = async (node: NodeProcess) =>
  (await signInThroughSecondFactor((method, path, body, token) => node.request(method, path, { body, token }), 'admin', 'demo')).body.token as string;

function openSocket(node: NodeProcess, token: string): Promise<{ socket: Client; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket: Client = connect(`${node.url}/halls`, { auth: { token, hallId: 'yuxi' }, transports: ['websocket'], reconnection: false });
    const closed = new Promise<number>((done) => socket.once('disconnect', () => done(performance.now())));
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('connect_error', reject);
  });
}

describe('accounts on two server processes sharing one Redis', () => {
  const nodes = twoNodesOnOneRedis();

  it('an account created on node A signs in on node B', async () => {
    const admin = await adminOn(nodes.a);
    const created = await nodes.a.request('POST', '/api/v1/admin/accounts', {
      token: admin,
      body: { id: 'clerk-cluster', name: '跨节点 张敏', role: 'clerk', hallId: 'yuxi' },
    });
    expect(created.status).toBe(201);
    const started = performance.now();
    await vi.waitFor(async () => expect((await login(nodes.b, 'clerk-cluster', created.body.oneTimePassword)).status).toBe(200), {
      timeout: 1000,
      interval: 10,
    });
    console.log(`account created on A: signed in on B (scrypt check included) after ${Math.round(performance.now() - started)} ms`);
    const onB = await login(nodes.b, 'clerk-cluster', created.body.oneTimePassword);
    expect(onB.body.mustChangePassword).toBe(true);
  });

  it('a clerk disabled on A is refused on both nodes and their open sockets on each node close within a second', async () => {
    const admin = await adminOn(nodes.a);
    const clerk = (await login(nodes.a, 'clerk07', 'demo')).body.token;
    const [onA, onB] = await Promise.all([openSocket(nodes.a, clerk), openSocket(nodes.b, clerk)]);
    expect((await nodes.b.request('GET', BOARD, { token: clerk })).status).toBe(200);

    const started = performance.now();
    expect((await nodes.a.request('POST', '/api/v1/admin/accounts/clerk07/disable', { token: admin })).status).toBe(200);
    const [closedA, closedB] = await Promise.all([onA.closed, onB.closed]);
    const msA = closedA - started;
    const msB = closedB - started;
    console.log(`disabled on A: socket on A closed after ${msA.toFixed(0)} ms, socket on B after ${msB.toFixed(0)} ms`);
    expect(msA).toBeLessThan(1000);
    expect(msB).toBeLessThan(1000);
    expect((await nodes.a.request('GET', BOARD, { token: clerk })).status).toBe(401);
    expect((await nodes.b.request('GET', BOARD, { token: clerk })).status).toBe(401);
    await expect(openSocket(nodes.b, clerk)).rejects.toThrow(/unauthorized/);
  });
});
