import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { nodeExporter } from './node-exporter';
import { nodeExporterScenarios } from './node-exporter.scenarios';

describe('node-exporter e2e scenarios', () => {
  it.each(nodeExporterScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(nodeExporter, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
