import { spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { Server, utils, type Connection, type SFTPWrapper } from 'ssh2';
import { killAll } from './process-tree';

/** Kills the process group a detached command leads (its pid, negated). */
const killGroup = (pid: number) => killAll([-pid]);

const { OPEN_MODE, STATUS_CODE } = utils.sftp;

export interface InProcessSshServer {
  dropConnections(): number;
  stop(): Promise<void>;
}

/**
 * A minimal SSH server on ssh2 for machines without OpenSSH: public-key auth against one
 * authorized key, exec through /bin/sh, MaxSessions, direct-tcpip (jump hosts) and the SFTP
 * requests the library uses. It runs commands as the current user. Tests prefer real sshd.
 */
export async function startInProcessSshServer(options: {
  port: number;
  hostKeyPath: string;
  authorizedKeysPath: string;
  maxSessions: number;
}): Promise<InProcessSshServer> {
  // Re-read on every attempt, as sshd does, so keys appended by a test are honoured.
  const authorizedKeys = () =>
    readFileSync(options.authorizedKeysPath, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => utils.parseKey(line))
      .flatMap((parsed) => (parsed instanceof Error ? [] : Array.isArray(parsed) ? parsed : [parsed]));
  const clients = new Set<Connection>();

  const server = new Server({ hostKeys: [readFileSync(options.hostKeyPath)] }, (client) => {
    clients.add(client);
    // What its sessions started: a dropped connection ends them, as sshd's hang-up does (a
    // command left running would outlive the test and hold its runner open).
    const commands = new Set<number>();
    client.on('close', () => {
      clients.delete(client);
      for (const pid of commands) killGroup(pid);
    });
    client.on('error', () => undefined);
    client.on('authentication', (context) => {
      if (context.method !== 'publickey') return context.reject(['publickey']);
      const { algo, data } = context.key;
      const allowedKey = authorizedKeys().find((key) => key.type === algo && key.getPublicSSH().equals(data));
      if (!allowedKey) return context.reject(['publickey']);
      if (!context.signature || !context.blob) return context.accept();
      return allowedKey.verify(context.blob, context.signature, context.hashAlgo)
        ? context.accept()
        : context.reject();
    });
    client.on('ready', () => {
      let openSessions = 0;
      client.on('session', (acceptSession, rejectSession) => {
        if (openSessions >= options.maxSessions) return rejectSession();
        openSessions++;
        const session = acceptSession();
        let released = false;
        const release = () => {
          if (!released) openSessions--;
          released = true;
        };
        session.on('close', release);
        session.on('exec', (accept, _reject, info) => {
          const stream = accept();
          // its own session, as sshd does: a timeout kills the command's process group, which
          // must not be the test runner's own
          const child = spawn('/bin/sh', ['-c', info.command], {
            stdio: ['pipe', 'pipe', 'pipe'],
            detached: true,
          });
          if (child.pid) commands.add(child.pid);
          stream.pipe(child.stdin).on('error', () => undefined);
          child.stdout.pipe(stream, { end: false });
          child.stderr.pipe(stream.stderr, { end: false });
          session.on('signal', (_accept, _reject2, signal) =>
            child.kill(`SIG${signal.name}` as NodeJS.Signals),
          );
          stream.on('close', () => {
            release();
            if (child.pid) killGroup(child.pid);
          });
          child.on('close', (code, signal) => {
            if (child.pid) commands.delete(child.pid);
            if (code !== null) stream.exit(code);
            else stream.exit(String(signal).replace(/^SIG/, ''), false, '');
            stream.end();
          });
        });
        session.on('sftp', (accept) => serveSftp(accept(), release));
      });
      client.on('tcpip', (accept, reject, info) => {
        const socket = tcpConnect(info.destPort, info.destIP);
        socket.once('connect', () => {
          const channel = accept();
          channel.pipe(socket).pipe(channel);
        });
        socket.once('error', () => reject());
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    dropConnections: () => {
      const count = clients.size;
      for (const client of clients) (client as unknown as { _sock: { destroy(): void } })._sock.destroy();
      return count;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of clients) client.end();
        server.close(() => resolve());
      }),
  };
}

function serveSftp(sftp: SFTPWrapper, release: () => void): void {
  const handles = new Map<number, number>();
  let nextHandle = 1;
  const handleOf = (buffer: Buffer) => handles.get(buffer.readUInt32BE(0));
  const attrs = (stats: {
    mode: number;
    uid: number;
    gid: number;
    size: number;
    atimeMs: number;
    mtimeMs: number;
  }) => ({
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  });
  const guard = (id: number, work: () => void) => {
    try {
      work();
    } catch (error) {
      sftp.status(
        id,
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE,
        (error as Error).message,
      );
    }
  };
  sftp.on('close', release);
  sftp.on('OPEN', (id, path, flags, attributes) =>
    guard(id, () => {
      let mode = 'r';
      if (flags & OPEN_MODE.WRITE) mode = flags & OPEN_MODE.APPEND ? 'a' : 'w';
      if (flags & OPEN_MODE.READ && flags & OPEN_MODE.WRITE) mode = flags & OPEN_MODE.TRUNC ? 'w+' : 'r+';
      const fd = openSync(path, mode, attributes.mode ?? 0o644);
      const handle = Buffer.alloc(4);
      handle.writeUInt32BE(nextHandle);
      handles.set(nextHandle++, fd);
      sftp.handle(id, handle);
    }),
  );
  sftp.on('WRITE', (id, handle, offset, data) =>
    guard(id, () => {
      writeSync(handleOf(handle) ?? -1, data, 0, data.length, offset);
      sftp.status(id, STATUS_CODE.OK);
    }),
  );
  sftp.on('READ', (id, handle, offset, length) =>
    guard(id, () => {
      const buffer = Buffer.alloc(length);
      const read = readSync(handleOf(handle) ?? -1, buffer, 0, length, offset);
      if (read === 0) sftp.status(id, STATUS_CODE.EOF);
      else sftp.data(id, buffer.subarray(0, read));
    }),
  );
  sftp.on('FSTAT', (id, handle) => guard(id, () => sftp.attrs(id, attrs(fstatSync(handleOf(handle) ?? -1)))));
  sftp.on('STAT', (id, path) => guard(id, () => sftp.attrs(id, attrs(statSync(path)))));
  sftp.on('LSTAT', (id, path) => guard(id, () => sftp.attrs(id, attrs(statSync(path)))));
  sftp.on('FSETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
  sftp.on('SETSTAT', (id) => sftp.status(id, STATUS_CODE.OK));
  sftp.on('CLOSE', (id, handle) =>
    guard(id, () => {
      const key = handle.readUInt32BE(0);
      const fd = handles.get(key);
      if (fd !== undefined) closeSync(fd);
      handles.delete(key);
      sftp.status(id, STATUS_CODE.OK);
    }),
  );
}
