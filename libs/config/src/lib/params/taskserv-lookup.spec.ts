import { z } from 'zod';
import { defaultsOfParamsSchema, taskservLookupFrom } from './taskserv-lookup';

const redisParams = z.strictObject({
  port: z.number().default(6379),
  maxmemory: z.string().optional(),
  bind: z.array(z.string()).default(() => ['127.0.0.1']),
});

describe('taskservLookupFrom', () => {
  it('finds a definition by name with its schema and declared defaults', () => {
    const lookup = taskservLookupFrom([{ name: 'redis', params: redisParams }]);
    expect(lookup('redis')).toEqual({
      paramsSchema: redisParams,
      defaults: { port: 6379, bind: ['127.0.0.1'] },
    });
    expect(lookup('nginx')).toBeUndefined();
  });

  it('reads the defaults of an object schema wrapped in optional or default', () => {
    expect(defaultsOfParamsSchema(redisParams.optional())).toEqual({ port: 6379, bind: ['127.0.0.1'] });
    expect(defaultsOfParamsSchema(z.string())).toEqual({});
  });
});
