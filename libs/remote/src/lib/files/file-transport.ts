import { readFile, writeFile } from 'node:fs/promises';
import type { SshConnection } from '../ssh/ssh-connection';

/** Moves bytes to and from a host's filesystem as the login user: SFTP over SSH, fs locally. */
export interface FileTransport {
  /** Creates or truncates `remotePath` (mode 0600) and writes `data` into it. */
  upload(data: Buffer, remotePath: string): Promise<void>;
  download(remotePath: string): Promise<Buffer>;
}

export class SftpFileTransport implements FileTransport {
  constructor(private readonly connection: () => Promise<SshConnection>) {}

  async upload(data: Buffer, remotePath: string): Promise<void> {
    const connection = await this.connection();
    await connection.withSftp(
      (sftp) =>
        new Promise<void>((resolve, reject) =>
          sftp.writeFile(remotePath, data, { mode: 0o600 }, (error) => (error ? reject(error) : resolve())),
        ),
    );
  }

  async download(remotePath: string): Promise<Buffer> {
    const connection = await this.connection();
    return connection.withSftp(
      (sftp) =>
        new Promise<Buffer>((resolve, reject) =>
          sftp.readFile(remotePath, (error, data) => (error ? reject(error) : resolve(data))),
        ),
    );
  }
}

export class LocalFileTransport implements FileTransport {
  async upload(data: Buffer, path: string): Promise<void> {
    await writeFile(path, data, { mode: 0o600 });
  }

  download(path: string): Promise<Buffer> {
    return readFile(path);
  }
}
