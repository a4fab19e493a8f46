import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { redis } from './redis';
import { redisScenarios } from './redis.scenarios';

describe('redis e2e scenarios', () => {
  it.each(redisScenarios.map((scenario) => [scenario.name, scenario] as const))(
    '%s: params resolve and the expected changes follow from them',
    (_name, scenario) => {
      const predictions = predictScenarioChanges(redis, scenario);
      expect(predictions.length).toBeGreaterThan(0);
      for (const prediction of predictions) {
        expect(prediction.predicted).toEqual(prediction.expected);
        expect(prediction.removeOperations).toBeGreaterThan(0);
      }
    },
  );
});
