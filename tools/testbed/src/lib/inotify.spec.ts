import { inotifyLimitToSet } from './inotify';

describe('inotifyLimitToSet', () => {
  it('raises the kernel default of 128 to 1024', () => {
    expect(inotifyLimitToSet(128)).toBe(1024);
  });

  it('leaves a limit that is already high enough alone, never lowering it', () => {
    expect(inotifyLimitToSet(1024)).toBeUndefined();
    expect(inotifyLimitToSet(8192)).toBeUndefined();
  });
});
