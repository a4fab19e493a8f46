import type { Step } from '../lib/api-types';
import { layoutDag, NODE_HEIGHT, NODE_WIDTH } from '../lib/dag-layout';
import { svg } from '../lib/dom';

const MAX_LABEL = 18;

/**
 * The steps of one phase as an SVG graph, dependencies above their dependents. Each node carries
 * its status as a word and a colour; rows wrap to `maxColumns` and the drawing scales down to the
 * width it is given (it never makes the page scroll sideways). The steps table beside it says the same for screen readers.
 */
export function dagView(steps: Step[], title: string, maxColumns?: number): SVGSVGElement {
  const layout = layoutDag(steps, { maxColumns });
  const byId = new Map(steps.map((step) => [step.id, step]));
  return svg(
    'svg',
    {
      class: 'dag',
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: layout.width,
      role: 'img',
      'aria-label': `${title}: ${steps.length} steps, ${steps.filter((s) => s.status === 'succeeded').length} succeeded`,
    },
    svg(
      'defs',
      {},
      svg(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          orient: 'auto-start-reverse',
        },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }),
      ),
    ),
    layout.edges.map((edge) =>
      svg('path', { d: edge.path, class: `edge ${edge.kind}`, 'marker-end': 'url(#arrow)' }),
    ),
    layout.nodes.map((node) => {
      const step = byId.get(node.id) as Step;
      const label = step.id.length > MAX_LABEL ? `${step.id.slice(0, MAX_LABEL - 1)}\u2026` : step.id;
      return svg(
        'g',
        {
          class: `node ${step.status}`,
          'data-step': step.id,
          'data-status': step.status,
          transform: `translate(${node.x},${node.y})`,
        },
        svg('title', {}, `${step.id}: ${step.status}`),
        svg('rect', { width: NODE_WIDTH, height: NODE_HEIGHT, rx: 6 }),
        svg('text', { x: 10, y: 17, class: 'label' }, label),
        svg('text', { x: 10, y: 32, class: 'state' }, step.status),
      );
    }),
  );
}
