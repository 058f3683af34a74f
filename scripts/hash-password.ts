/**
 * Prints a scrypt hash for a hall config's `passwordHash`: `npm run hash-password` and type the
 * password (it is not echoed), or pipe it in.
 */
import { createInterface } from 'node:readline';
import { hashPassword } from '../server/auth/passwords';

async function readPassword(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const muted = rl as unknown as { _writeToOutput?: (s: string) => void };
  muted._writeToOutput = () => {};
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

const password = await readPassword();
if (!password) {
  console.error('no password given');
  process.exit(2);
}
console.log(await hashPassword(password));
