// Runs a command for the package tests without throwing, so a failure shows its output in the assertion.
import { execFile } from 'node:child_process';

/** Exit code and output of one command. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Longest a consumer-side command may take (npm installs come from the cache; compiles and runs take seconds). */
const COMMAND_TIMEOUT_MS = 110_000;

/** Runs `file args` in `cwd`; never rejects (a failure is a non-zero `code`). Asynchronous: a server in this process keeps answering. */
export function run(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
