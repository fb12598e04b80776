import type { ChildProcess } from 'node:child_process';

export interface BuiltServer {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the process wrote to stdout and stderr so far ('' when started quiet). */
  output(): string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  /** SIGTERM (unless it has ended already), then the exit code. */
  stop(): Promise<number | null>;
}

export interface StartBuiltServerOptions {
  /** The server's whole environment (nothing is inherited but what is passed here). */
  env: Record<string, string | undefined>;
  /** Its PORT: 0 lets the kernel pick (read from the "listening" log line); by default a free port, checked on /healthz. */
  port?: number;
  /** Node flags before server/dist/main.js. */
  nodeArgs?: string[];
  /** Another build's main.js (another checkout's server/dist/main.js); by default this one's. */
  main?: string;
  cwd?: string;
  timeoutMs?: number;
  /** stdout to /dev/null, stderr to this process's. */
  quiet?: boolean;
}

export declare function startBuiltServer(options: StartBuiltServerOptions): Promise<BuiltServer>;
