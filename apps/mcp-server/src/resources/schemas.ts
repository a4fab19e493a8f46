import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { JSON_SCHEMA_FILES, type JsonSchemaKind, jsonSchemaFor } from '@provisioning/config';

export const SCHEMAS_URI = 'provisioning://schemas';

/** The JSON Schema of each file kind (workspace, infra, user config, workflow), as validate --write-schemas writes them. */
export function registerSchemaResources(server: McpServer): void {
  for (const kind of Object.keys(JSON_SCHEMA_FILES) as JsonSchemaKind[]) {
    const { file, title } = JSON_SCHEMA_FILES[kind];
    server.registerResource(
      `schema-${kind}`,
      `${SCHEMAS_URI}/${file}`,
      {
        title: `JSON Schema: ${title}`,
        description: `The JSON Schema of ${title}: the shape validate checks, for writing or reviewing such a file.`,
        mimeType: 'application/schema+json',
      },
      (uri) => ({
        contents: [
          {
            uri: uri.href,
            mimeType: 'application/schema+json',
            text: JSON.stringify(jsonSchemaFor(kind), null, 2),
          },
        ],
      }),
    );
  }
}
