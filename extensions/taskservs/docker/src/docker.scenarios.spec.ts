import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { docker } from './docker';
import { dockerScenarios } from './docker.scenarios';

describe('docker e2e scenarios', () => {
  it.each(dockerScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(docker, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
