import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { containerd } from './containerd';
import { containerdScenarios } from './containerd.scenarios';

describe('containerd e2e scenarios', () => {
  it.each(containerdScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(containerd, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
