import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { caddy } from './caddy';
import { caddyScenarios } from './caddy.scenarios';

describe('caddy e2e scenarios', () => {
  it.each(caddyScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(caddy, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
