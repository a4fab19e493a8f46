import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { firewall } from './firewall';
import { firewallScenarios } from './firewall.scenarios';

describe('firewall e2e scenarios', () => {
  it.each(firewallScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(firewall, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
