// Helpers for tests of extension installs: hand-made (hostile) tarballs, small working taskserv
// packages, and file-tree snapshots that prove nothing was written.
export { gzipTar, rawTar, type RawTarEntry } from './raw-tar';
export {
  type TestTaskservPackage,
  testManifest,
  testTaskservCode,
  testTaskservSource,
  testTaskservTarball,
} from './taskserv-package';
export { snapshotTree } from './fs-snapshot';
