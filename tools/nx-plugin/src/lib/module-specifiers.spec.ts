import { moduleSpecifiers } from './module-specifiers';

describe('moduleSpecifiers', () => {
  it('finds static, side-effect, re-export, dynamic and require imports', () => {
    const source = [
      "import { a } from 'a';",
      'import type { B } from "b";',
      "import 'c';",
      "export { d } from 'd';",
      "const e = await import('e');",
      "const f = require ( 'f' );",
      "import {\n  g,\n} from 'g';",
    ].join('\n');
    expect(moduleSpecifiers(source)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });

  it('ignores code quoted inside strings and comments', () => {
    const source = [
      'const text = "import { x } from \'x\';";',
      "const dynamic = `await import('y')`;",
      "// import { z } from 'z';",
      "/* require('w') */",
      "const plain = 'from';",
      "const escaped = 'it\\'s import(\"v\")';",
    ].join('\n');
    expect(moduleSpecifiers(source)).toEqual([]);
  });

  it('ignores strings that merely follow a word ending in from', () => {
    expect(moduleSpecifiers("const datafrom = 'x'; notimport('y');")).toEqual([]);
  });
});
