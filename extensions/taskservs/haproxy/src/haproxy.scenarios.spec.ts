import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { haproxy } from './haproxy';
import { haproxyScenarios } from './haproxy.scenarios';

describe('haproxy e2e scenarios', () => {
  it.each(haproxyScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(haproxy, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
