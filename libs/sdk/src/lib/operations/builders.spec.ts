import { DefinitionError } from './errors';
import {
  absent,
  download,
  file,
  line,
  link,
  pkg,
  service,
  shell,
  taskserv,
  template,
  user,
} from './builders';
import { operationSchema } from './schemas';

describe('operation builders', () => {
  it('default the id from kind and target so ids are stable across runs', () => {
    expect(file({ path: '/etc/motd', content: 'hi\n' }).id).toBe('file:/etc/motd');
    expect(pkg({ names: ['redis-server', 'curl'] }).id).toBe('package:redis-server,curl');
    expect(service({ name: 'redis-server', id: 'redis' }).id).toBe('redis');
  });

  it('apply schema defaults so the planner sees complete data', () => {
    expect(line({ path: '/etc/hosts', line: '10.0.0.1 db' })).toMatchObject({
      state: 'present',
      create: true,
    });
    expect(absent({ path: '/tmp/x' }).recursive).toBe(false);
    expect(template({ path: '/etc/a', template: 'x' }).params).toEqual({});
  });

  it('produce plain data that survives JSON and re-validates', () => {
    const op = user({ name: 'redis', system: true, shell: '/usr/sbin/nologin' });
    expect(operationSchema.parse(JSON.parse(JSON.stringify(op)))).toEqual(op);
  });

  it.each([
    ['a relative path', () => file({ path: 'etc/motd', content: '' }), /path: must be an absolute path/],
    [
      'both content and source',
      () => file({ path: '/a', content: 'x', source: './x' }),
      /exactly one of content or source/,
    ],
    ['a bad mode', () => file({ path: '/a', content: 'x', mode: '644x' }), /mode: must be an octal mode/],
    ['a bad sha256', () => download({ url: 'https://e.com/x', sha256: 'abc', path: '/x' }), /sha256/],
    ['a line with a newline', () => line({ path: '/a', line: 'a\nb' }), /single line/],
    ['removing /', () => absent({ path: '/' }), /refuses to remove \//],
    [
      'an invalid regex',
      () => line({ path: '/a', regex: '([a-', state: 'absent' }),
      /regex: must be a valid JavaScript regular expression/,
    ],
    ['an empty command', () => shell({ command: '' }), /command/],
    ['an injected package name', () => pkg({ names: ['curl; rm -rf /'] }), /must be a package name/],
  ])('reject %s naming the operation and the field', (_what, build, message) => {
    expect(build).toThrow(DefinitionError);
    expect(build).toThrow(message);
  });

  it('describe a sub-run of another task service as data', () => {
    expect(taskserv({ name: 'containerd', params: { version: '2.0' } })).toEqual({
      kind: 'taskserv',
      id: 'taskserv:containerd',
      name: 'containerd',
      params: { version: '2.0' },
    });
  });
});

describe('operation values that reach a command line', () => {
  it.each([
    ['a service name', () => service({ name: '-H' })],
    ['a user name', () => user({ name: '-oevil' })],
    ['a package name', () => pkg({ names: ['--reinstall'] })],
    ['a link target', () => link({ path: '/usr/local/bin/x', target: '-f' })],
    ['an owner', () => file({ path: '/etc/x', content: '', owner: '--reference=/etc/shadow' })],
  ])('refuses %s that starts with "-", which a command would read as an option', (_what, build) => {
    expect(build).toThrow(DefinitionError);
  });
});
