import { predictScenarioChanges } from '@provisioning/sdk/testing';
import { postgresql } from './postgresql';
import { postgresqlReplicaScenarios, postgresqlScenarios } from './postgresql.scenarios';

describe('postgresql e2e scenarios', () => {
  it.each(
    [...postgresqlScenarios, ...postgresqlReplicaScenarios].map(
      (scenario) => [scenario.name, scenario] as const,
    ),
  )('%s: params resolve and the expected changes follow from them', (_name, scenario) => {
    const predictions = predictScenarioChanges(postgresql, scenario);
    expect(predictions.length).toBeGreaterThan(0);
    for (const prediction of predictions) {
      expect(prediction.predicted).toEqual(prediction.expected);
      expect(prediction.removeOperations).toBeGreaterThan(0);
    }
  });
});
