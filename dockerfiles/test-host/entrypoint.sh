#!/bin/sh
# Per-container identity, as the testbed gives each host: a fresh ed25519 host key, and the client
# public key from $AUTHORIZED_KEY (or a mounted /authorized_keys) for root and the deploy user.
set -eu
[ -f /etc/ssh/ssh_host_ed25519_key ] || ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key
key=${AUTHORIZED_KEY:-}
[ -z "$key" ] && [ -f /authorized_keys ] && key=$(cat /authorized_keys)
if [ -z "$key" ]; then
  echo "test-host: set AUTHORIZED_KEY to an ssh public key (or mount it at /authorized_keys)" >&2
  exit 64
fi
printf '%s\n' "$key" > /root/.ssh/authorized_keys
user=${TEST_HOST_USER:-deploy}
printf '%s\n' "$key" > "/home/$user/.ssh/authorized_keys"
chmod 600 /root/.ssh/authorized_keys "/home/$user/.ssh/authorized_keys"
chown "$user:$user" "/home/$user/.ssh/authorized_keys"
echo "test-host: host key $(ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)"
exec /usr/sbin/sshd -D -e
