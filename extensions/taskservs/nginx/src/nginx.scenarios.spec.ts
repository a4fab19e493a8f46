import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { nginx } from './nginx';
import { nginxScenarios } from './nginx.scenarios';

describe('nginx e2e scenarios', () => {
  it.each(nginxScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(nginx, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
