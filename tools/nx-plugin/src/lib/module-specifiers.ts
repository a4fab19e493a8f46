/**
 * The module specifiers a TypeScript/JavaScript source imports: `import … from 'x'`, `import 'x'`,
 * `export … from 'x'`, `import('x')` and `require('x')`. A small scanner rather than the TypeScript
 * compiler, which takes about a second to load and would slow every Nx command; it skips comments
 * and treats a string as a specifier only when `from`, `import` or `require` precedes it, so code
 * quoted inside strings (as in specs) is not mistaken for an import.
 */
export function moduleSpecifiers(source: string): string[] {
  const specifiers: string[] = [];
  let code = '';
  let i = 0;
  while (i < source.length) {
    const char = source[i];
    const next = source[i + 1];
    if (char === '/' && next === '/') {
      i = indexOrEnd(source, '\n', i);
    } else if (char === '/' && next === '*') {
      i = indexOrEnd(source, '*/', i + 2) + 2;
    } else if (char === "'" || char === '"' || char === '`') {
      const end = closingQuote(source, i);
      if (/(?:\bfrom|\bimport|\bimport\s*\(|\brequire\s*\()\s*$/.test(code))
        specifiers.push(source.slice(i + 1, end));
      code += ' _ ';
      i = end + 1;
    } else {
      code = (code + char).slice(-64);
      i++;
    }
  }
  return specifiers;
}

function indexOrEnd(source: string, token: string, from: number): number {
  const index = source.indexOf(token, from);
  return index < 0 ? source.length : index;
}

/** Index of the quote closing the string opened at `start` (backslash escapes honoured). */
function closingQuote(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === '\\' ? 2 : 1;
  return i;
}
