import {
  Composer,
  type CST,
  type Document,
  type DocumentOptions,
  Lexer,
  type LineCounter,
  Parser,
  type ParseOptions,
  type SchemaOptions,
  YAMLParseError,
} from 'yaml';

type Token = CST.Token;

/**
 * Input nested so deeply that composing it would exhaust the stack (`[[[[...`, `- - - ...` or
 * indentation hundreds of levels deep) is stopped before the composer sees it. The depth is the one
 * the `yaml` package itself sees: its lexer and CST parser (both iterative) are driven token by
 * token, and the parser's own stack of open collections (block mappings, block sequences, flow
 * collections) is the depth. Counting in the parser's terms means quotes, comments, apostrophes
 * in plain scalars (`it's`) and compact sequences are read exactly as YAML reads them. The same
 * tokens are then composed into the Document, so the file is lexed and parsed once, as
 * `parseDocument` would (which only the recursive composer step could overflow).
 * Configuration is never more than a few levels deep, so the limit is generous.
 */
export const MAX_NESTING_DEPTH = 64;

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

export interface NestingProblem {
  offset: number;
  message: string;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions & { lineCounter?: LineCounter };

/** The CST tokens of the source, or the place where nesting first went past `maxDepth`. */
function parseTokens(
  source: string,
  maxDepth: number,
  lineCounter?: LineCounter,
): { tokens: Token[] } | NestingProblem {
  const parser = new Parser(lineCounter?.addNewLine);
  lineCounter?.addNewLine(0);
  const tokens: Token[] = [];
  for (const lexeme of new Lexer().lex(source)) {
    const start = parser.offset;
    for (const token of parser.next(lexeme)) tokens.push(token);
    let depth = 0;
    for (const open of parser.stack) if (COLLECTIONS.has(open.type)) depth++;
    if (depth > maxDepth) {
      return {
        offset: Math.min(start, Math.max(0, source.length - 1)),
        message: `values are nested more than ${maxDepth} levels deep; flatten the structure`,
      };
    }
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

export function findExcessiveNesting(
  source: string,
  maxDepth = MAX_NESTING_DEPTH,
): NestingProblem | undefined {
  const parsed = parseTokens(source, maxDepth);
  return 'tokens' in parsed ? undefined : parsed;
}

/**
 * `parseDocument` with a nesting limit: the Document (errors included, several documents
 * reported as MULTIPLE_DOCS like parseDocument does), or the nesting problem.
 */
export function parseDocumentWithinDepth(
  source: string,
  options: Options,
  maxDepth = MAX_NESTING_DEPTH,
): Document.Parsed | NestingProblem {
  const parsed = parseTokens(source, maxDepth, options.lineCounter);
  if (!('tokens' in parsed)) return parsed;
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(options).compose(parsed.tokens, true, source.length)) {
    if (!doc) {
      doc = next;
    } else {
      doc.errors.push(
        new YAMLParseError(
          next.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents',
        ),
      );
      break;
    }
  }
  return doc as Document.Parsed;
}
