import { Option } from 'commander';
import type { CommandDefinition } from '../../../../cli/command-definition';

export const sbcImageBurnCommand: CommandDefinition = {
  name: 'burn',
  summary: 'write an image (raw, .gz or .xz; file or URL) to a card and verify it by reading it back',
  description:
    "Write a disk image to a whole device (an SD card or USB reader): decompressed while writing (gzip, xz, detected by content), with progress, flushed, then read back from the device and compared by sha256. With --sha256 the image file (as published, compressed) is checked before anything is written. Refuses a partition, a device with anything mounted or in use (swap, LVM), and the disk this machine runs from. Asks before writing, showing the device's model and size, unless --yes (required unattended). Needs write access to the device (usually root).",
  examples: [
    {
      command: 'lsblk -d -o NAME,SIZE,MODEL,TRAN',
      description: 'find the card reader first (TRAN usb, the size of your card)',
    },
    {
      command:
        'provisioning sbc image burn --image 2024-11-19-raspios-bookworm-arm64-lite.img.xz --device /dev/sdb',
      description: 'burn a downloaded image, asking first',
    },
    {
      command:
        'provisioning sbc image burn --image https://mirror.example/raspios.img.xz --sha256 <hex> --device /dev/mmcblk0 --yes',
      description: 'download, check the published checksum, burn without asking',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option('--image <file|url>', 'the image: a .img, .img.gz or .img.xz file, or an http(s) URL')
          .env('PROVISIONING_SBC_IMAGE')
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--device <path>', 'the whole device to overwrite, e.g. /dev/sdb or /dev/mmcblk0')
          .env('PROVISIONING_SBC_DEVICE')
          .makeOptionMandatory(),
      )
      .addOption(
        new Option(
          '--sha256 <hex>',
          'expected sha256 of the image file as published; checked before writing',
        ).env('PROVISIONING_SBC_SHA256'),
      );
  },
  handler: () => import('./handler.js'),
};
