import type { Tree } from '@nx/devkit';
import { Node, Project, QuoteKind, SyntaxKind, type SourceFile } from 'ts-morph';
import { BUILTIN_ARRAYS, BUILTIN_BARREL_PATH, EMPTY_BUILTIN_BARREL } from '../../../lib/builtin-barrel';
import type { ExtensionKind } from '@provisioning/extensions';

/**
 * Adds `import { symbol } from 'importPath'` and `symbol` to the kind's array in extensions/builtin.ts
 * (creating the barrel when missing). Editing the syntax tree, not the text, keeps hand edits and
 * comments intact; running it twice leaves one import and one entry.
 */
export function registerBuiltinExtension(
  tree: Tree,
  kind: ExtensionKind,
  importPath: string,
  symbol: string,
): void {
  const text = tree.read(BUILTIN_BARREL_PATH, 'utf-8') ?? EMPTY_BUILTIN_BARREL;
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { quoteKind: QuoteKind.Single },
  });
  const file = project.createSourceFile(BUILTIN_BARREL_PATH, text);
  const arrayName = BUILTIN_ARRAYS[kind];
  const declaration = file.getVariableDeclaration(arrayName);
  if (!declaration) {
    throw new Error(
      `${BUILTIN_BARREL_PATH} has no \`export const ${arrayName} = [...]\`; add it (one array per kind) and run the generator again.`,
    );
  }
  const array = declaration.getInitializerIfKind(SyntaxKind.ArrayLiteralExpression);
  if (!array)
    throw new Error(`${BUILTIN_BARREL_PATH}: \`${arrayName}\` must be initialised with an array literal.`);

  const existingImport = file.getImportDeclaration(importPath);
  if (!existingImport) {
    file.insertImportDeclaration(importInsertionIndex(file, importPath), {
      moduleSpecifier: importPath,
      namedImports: [symbol],
    });
  } else if (!existingImport.getNamedImports().some((named) => named.getName() === symbol)) {
    existingImport.addNamedImport(symbol);
  }
  const elements = array.getElements().map((element) => element.getText());
  if (!elements.includes(symbol)) {
    const index = elements.filter((element) => element < symbol).length;
    array.insertElement(index, symbol);
  }
  tree.write(BUILTIN_BARREL_PATH, file.getFullText());
}

/**
 * Where a new import goes so imports stay sorted by module. Indices count comment lines as
 * statements (ts-morph's model), so they are looked up rather than counted.
 */
function importInsertionIndex(file: SourceFile, importPath: string): number {
  const statements = file.getStatementsWithComments();
  const imports = file.getImportDeclarations();
  const before = imports.filter((declaration) => declaration.getModuleSpecifierValue() < importPath);
  if (before.length > 0) return statements.indexOf(before[before.length - 1]) + 1;
  if (imports.length > 0) return statements.indexOf(imports[0]);
  const firstCode = statements.findIndex((statement) => !Node.isCommentStatement(statement));
  return firstCode < 0 ? statements.length : firstCode;
}
