import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { unattendedUpgrades } from './unattended-upgrades';
import { unattendedUpgradesScenarios } from './unattended-upgrades.scenarios';

describe('unattended-upgrades e2e scenarios', () => {
  it.each(unattendedUpgradesScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(unattendedUpgrades, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
