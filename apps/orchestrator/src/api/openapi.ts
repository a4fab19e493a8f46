import { z } from 'zod';
import { ROUTES } from './routes';

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { unrepresentable: 'any', io }) as Record<string, unknown>;

/** The OpenAPI 3.1 document of the API, generated from the schemas the routes validate with. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const parameters: unknown[] = [];
    if (route.path.includes('{id}'))
      parameters.push({
        name: 'id',
        in: 'path',
        required: true,
        schema: { type: 'string' },
        description: 'A workflow id (wf-…).',
      });
    for (const header of route.headers ?? [])
      parameters.push({
        name: header.name,
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: header.description,
      });
    if (route.query) {
      const query = jsonSchema(route.query, 'input') as {
        properties?: Record<string, { description?: string }>;
        required?: string[];
      };
      for (const [name, schema] of Object.entries(query.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: query.required?.includes(name) ?? false,
          schema,
          ...(schema.description ? { description: schema.description } : {}),
        });
      }
    }
    paths[route.path] = {
      ...paths[route.path],
      [route.method]: {
        summary: route.summary,
        ...(route.description ? { description: route.description } : {}),
        ...(route.auth ? {} : { security: [] }),
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
              },
            }
          : {}),
        responses: Object.fromEntries(
          Object.entries(route.responses).map(([status, response]) => [
            status,
            {
              description: response.description,
              ...(response.schema
                ? {
                    content: {
                      [response.contentType ?? 'application/json']: {
                        schema: jsonSchema(response.schema, 'output'),
                      },
                    },
                  }
                : {}),
            },
          ]),
        ),
      },
    };
    if (route.auth)
      (paths[route.path][route.method] as Record<string, unknown>).responses = {
        ...(paths[route.path][route.method] as { responses: object }).responses,
        401: { description: 'No or a wrong bearer token.' },
      };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Provisioning orchestrator',
      version,
      description:
        'Durable batch workflows over the Provisioning engine. Every route but /v1/health needs `Authorization: Bearer <token>` (`provisioning orchestrator token` prints it).',
    },
    servers: [{ url: 'http://127.0.0.1:9090' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
