import { Option } from 'commander';
import type { CommandDefinition } from '../../../../cli/command-definition';

export const sbcImageConfigureCommand: CommandDefinition = {
  name: 'configure',
  summary: 'write Raspberry Pi OS first-boot configuration into an image file or card, without booting it',
  description:
    'Pre-configure a Raspberry Pi OS (Bookworm or later) image or card: hostname, a user who logs in with your SSH key only (its password is a random hash nobody knows; sshd refuses passwords), SSH enabled, Wi-Fi (country, SSID, and the passphrase from a secret, stored as its WPA-PSK hash) through NetworkManager, and a static IPv4 address on eth0 or wlan0, or DHCP. The boot (FAT) partition is written with mtools, the root (ext4) partition is mounted in a private temp dir; needs root. Running it again replaces the earlier settings.',
  examples: [
    {
      command:
        'provisioning sbc image configure --device /dev/sdb --hostname pi-1 --user ops --ssh-key ~/.ssh/id_ed25519.pub',
      description: 'a card for a wired Pi on DHCP',
    },
    {
      command:
        'PROVISIONING_SECRET_WIFI_PASSWORD=... provisioning sbc image configure --image raspios.img --hostname pi-2 --user ops --ssh-key key.pub --wifi-country DE --wifi-ssid "Lab Net" --wifi-password-secret WIFI_PASSWORD --static-ip 192.168.1.40/24 --gateway 192.168.1.1 --dns 192.168.1.1 --interface wlan0',
      description: 'Wi-Fi with a fixed address; the passphrase comes from the secret store, never from argv',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--image <file>', 'a decompressed Raspberry Pi OS .img file').env(
          'PROVISIONING_SBC_IMAGE',
        ),
      )
      .addOption(
        new Option('--device <path>', 'a card holding the image (nothing on it mounted)').env(
          'PROVISIONING_SBC_DEVICE',
        ),
      )
      .addOption(
        new Option('--hostname <name>', 'host name of the board')
          .env('PROVISIONING_SBC_HOSTNAME')
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--user <name>', 'the login user created at first boot')
          .env('PROVISIONING_SBC_USER')
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--ssh-key <file...>', 'public key file(s) allowed to log in as that user')
          .env('PROVISIONING_SBC_SSH_KEYS')
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--wifi-country <code>', 'Wi-Fi regulatory country, e.g. GB, DE, US').env(
          'PROVISIONING_SBC_WIFI_COUNTRY',
        ),
      )
      .addOption(new Option('--wifi-ssid <ssid>', 'the network to join').env('PROVISIONING_SBC_WIFI_SSID'))
      .addOption(
        new Option(
          '--wifi-password-secret <name>',
          'name of the secret holding the passphrase (PROVISIONING_SECRET_<NAME> or secrets.yaml)',
        ).env('PROVISIONING_SBC_WIFI_PASSWORD_SECRET'),
      )
      .addOption(
        new Option(
          '--static-ip <cidr>',
          'a fixed IPv4 address with prefix, e.g. 192.168.1.40/24 (default: DHCP)',
        ).env('PROVISIONING_SBC_STATIC_IP'),
      )
      .addOption(
        new Option('--gateway <ip>', 'the default gateway for --static-ip').env('PROVISIONING_SBC_GATEWAY'),
      )
      .addOption(
        new Option('--dns <ips>', 'DNS servers for --static-ip, comma-separated').env('PROVISIONING_SBC_DNS'),
      )
      .addOption(
        new Option('--interface <name>', 'interface the static address is for')
          .choices(['eth0', 'wlan0'])
          .default('eth0')
          .env('PROVISIONING_SBC_INTERFACE'),
      );
  },
  handler: () => import('./handler.js'),
};
