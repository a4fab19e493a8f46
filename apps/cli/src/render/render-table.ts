import type { Style } from '../cli/style';

/** Columns padded to their widest cell, a bold header; `paint` colours a cell without breaking alignment. */
export function renderTable(
  header: string[],
  rows: string[][],
  style: Style,
  paint: (cell: string, column: number) => string = (cell) => cell,
): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[], painted: boolean) =>
    cells
      .map((cell, i) => {
        const text = painted ? paint(cell, i) : cell;
        return i === cells.length - 1 ? text : text + ' '.repeat(widths[i] - cell.length);
      })
      .join('  ')
      .trimEnd();
  return [style.bold(line(header, false)), ...rows.map((row) => line(row, true))].join('\n');
}
