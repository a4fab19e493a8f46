/** cloud-config that authorises the workspace's SSH keys for the image's default user (and root when asked). */
export function userData(sshPublicKeys: readonly string[], user: string): string {
  return [
    '#cloud-config',
    ...(user === 'root' ? ['disable_root: false'] : []),
    'ssh_authorized_keys:',
    ...sshPublicKeys.map((key) => `  - ${JSON.stringify(key.trim())}`),
    '',
  ].join('\n');
}
