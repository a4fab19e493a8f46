// @provisioning/sbc: single-board computer images on this machine: burning an image to a card
// (decompressing, verifying, refusing unsafe devices) and writing Raspberry Pi OS first-boot
// configuration into an image or card without booting it.
export { SbcError } from './lib/errors';
export {
  assertSafeToOverwrite,
  attachImageFile,
  type BlockDevice,
  inspectBlockDevice,
} from './lib/burn/block-device';
export {
  burnImage,
  type BurnOptions,
  type BurnProgress,
  type BurnResult,
  describeTarget,
} from './lib/burn/burn-image';
export type { Compression } from './lib/burn/image-source';
export { configureImage, type ConfigureOptions, type ConfigureResult } from './lib/configure/configure-image';
export {
  type FirstBootConfig,
  firstBootConfigSchema,
  firstBootFiles,
  parseFirstBootConfig,
  wpaPsk,
} from './lib/configure/first-boot-config';
