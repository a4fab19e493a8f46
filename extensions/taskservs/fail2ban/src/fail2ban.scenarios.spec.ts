import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { fail2ban } from './fail2ban';
import { fail2banScenarios } from './fail2ban.scenarios';

describe('fail2ban e2e scenarios', () => {
  it.each(fail2banScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(fail2ban, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
