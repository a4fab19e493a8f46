import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { etcd } from './etcd';
import { etcdScenarios } from './etcd.scenarios';

describe('etcd e2e scenarios', () => {
  it.each(etcdScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(etcd, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
