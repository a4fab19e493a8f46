import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { prometheus } from './prometheus';
import { prometheusScenarios } from './prometheus.scenarios';

describe('prometheus e2e scenarios', () => {
  it.each(prometheusScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(prometheus, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
