import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { base } from './base';
import { baseScenarios } from './base.scenarios';

describe('base e2e scenarios', () => {
  it.each(baseScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(base, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
