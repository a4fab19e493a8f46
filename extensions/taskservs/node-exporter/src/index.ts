export { nodeExporter } from './node-exporter';
export { nodeExporterParams } from './params';
export type { NodeExporterParams } from './params';
export { KNOWN_RELEASES } from './release';
export { nodeExporterScenarios } from './node-exporter.scenarios';
