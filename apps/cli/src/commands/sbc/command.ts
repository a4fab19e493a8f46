import type { CommandDefinition } from '../../cli/command-definition';
import { sbcImageCommand } from './image/command';

export const sbcCommand: CommandDefinition = {
  name: 'sbc',
  summary: 'single-board computers: burn SD-card images and pre-configure Raspberry Pi OS',
  description:
    'Prepare Raspberry Pi (and other single-board computer) cards on this machine: write an image to a card with verification, and write first-boot configuration into a Raspberry Pi OS image or card so the board comes up on the network with SSH and your key. Then find the boards with provisioning scan.',
  examples: [
    {
      command: 'provisioning sbc image burn --image raspios.img.xz --device /dev/sdb',
      description: 'burn, asking first',
    },
    {
      command:
        'provisioning sbc image configure --device /dev/sdb --hostname pi-1 --user ops --ssh-key ~/.ssh/id_ed25519.pub',
      description: 'pre-configure the card',
    },
  ],
  subcommands: [sbcImageCommand],
};
