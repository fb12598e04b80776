import fs from 'node:fs';
import path from 'node:path';

/** DATA_DIR/server.pid: which process serves this data folder; the restore script refuses while it lives. */
const PID_FILE = 'server.pid';

/**
 * Written by a server on the embedded default when it starts, removed when it closes. A server
 * killed with SIGKILL leaves it behind; the restore then sees that its process is gone. Honest about
 * its limit: a process elsewhere (another machine or container sharing the folder) cannot be seen,
 * and a recycled PID looks alive (delete the file when you know no server runs).
 */
export function holdInstanceLock(dataDir: string): () => void {
  const file = path.join(dataDir, PID_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => {
    // Another app of this process (tests start several) may have written it since: same PID, same answer.
    if (runningServerPid(dataDir) === process.pid) fs.rmSync(file, { force: true });
  };
}

/** The PID of a live server on `dataDir`, or null. */
export function runningServerPid(dataDir: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, PID_FILE), 'utf8');
  } catch {
    return null;
  }
  const pid = Number(text.trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it lives, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
