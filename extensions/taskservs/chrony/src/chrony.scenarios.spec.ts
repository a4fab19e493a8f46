import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { chrony } from './chrony';
import { chronyScenarios } from './chrony.scenarios';

describe('chrony e2e scenarios', () => {
  it.each(chronyScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(chrony, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
