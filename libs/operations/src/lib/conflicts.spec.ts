import { DefinitionError, directory, download, file, line, service, template } from '@provisioning/sdk';
import { assertNoConflicts, assertReferences } from './conflicts';

describe('assertNoConflicts', () => {
  it('refuses a line edit of a file another operation writes whole, naming both', () => {
    const ops = [
      file({ id: 'base', path: '/etc/x', content: 'a\n' }),
      line({ id: 'edit', path: '/etc/x', line: 'b' }),
    ];
    expect(() => assertNoConflicts('web-1', ops)).toThrow(DefinitionError);
    expect(() => assertNoConflicts('web-1', ops)).toThrow(
      /"edit" and "base" both write \/etc\/x; put the line into the file content/,
    );
  });

  it('refuses two whole-file owners of one path', () => {
    const ops = [
      template({ path: '/etc/x', template: 'a' }),
      download({ url: 'https://e.com/x', sha256: 'a'.repeat(64), path: '/etc/x' }),
    ];
    expect(() => assertNoConflicts('web-1', ops)).toThrow(/keep one of them/);
  });

  it('allows several line edits of one file and a directory beside files', () => {
    const ops = [
      directory({ path: '/etc/x' }),
      line({ path: '/etc/y', line: 'a' }),
      line({ path: '/etc/y', line: 'b' }),
      file({ path: '/etc/x/z', content: '' }),
    ];
    expect(() => assertNoConflicts('web-1', ops)).not.toThrow();
  });
});

describe('assertReferences', () => {
  it('refuses references to unknown or later operations, saying which', () => {
    const ops = [
      service({ name: 'app', restartOn: ['conf'] }),
      file({ id: 'conf', path: '/etc/app', content: '', after: ['typo'] }),
    ];
    expect(() => assertReferences('web-1', ops)).toThrow(
      /"service:app" refers to "conf", which comes after it; reorder[\s\S]*"conf" refers to "typo", which is not an operation of this host/,
    );
  });
});
