import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { k3s } from './k3s';
import { k3sScenarios } from './k3s.scenarios';

describe('k3s e2e scenarios', () => {
  it.each(k3sScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(k3s, scenario, {
        k3s: { token: 'K10abc::server:published', url: 'https://10.147.0.11:6443' },
      });
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
