import { Option } from 'commander';
import type { CommandDefinition } from '../../cli/command-definition';

export const mcpCommand: CommandDefinition = {
  name: 'mcp',
  summary: 'serve the workspace to AI assistants over the Model Context Protocol',
  description:
    "Starts the MCP server (docs/mcp.md) on the workspace: tools to list, validate, plan and apply it (apply only with the id of a current plan), check taskserv status, search extensions and run workflows, plus the settings with their origins and the JSON Schemas as resources. By default it speaks over stdio, which is how an assistant starts it: stdout carries only the protocol, so nothing else is printed there. With --http it serves Streamable HTTP at /mcp instead, on 127.0.0.1 unless told otherwise, behind the orchestrator's bearer token (.provisioning/orchestrator.token, created if missing) and refusing browser pages from origins other than localhost or --allowed-origin. Secret values never appear in what it returns.",
  examples: [
    {
      command: 'provisioning mcp --workspace ~/infra',
      description: 'what an assistant runs: stdio on that workspace (see docs/mcp.md for the JSON config)',
    },
    {
      command: 'provisioning mcp --http 8765',
      description: 'Streamable HTTP on http://127.0.0.1:8765/mcp for the workspace in this directory',
    },
    {
      command: 'provisioning mcp --http 127.0.0.1:8765 --allowed-origin https://console.example.com',
      description: 'also accept browser requests from that page',
    },
    {
      command: 'provisioning orchestrator token',
      description: 'prints the bearer token an HTTP client sends (Authorization: Bearer …)',
    },
  ],
  configure: (command) => {
    command
      .addOption(
        new Option(
          '--http <[host:]port>',
          'serve Streamable HTTP at /mcp on this address instead of stdio; a bare port means 127.0.0.1',
        ).env('PROVISIONING_MCP_HTTP'),
      )
      .addOption(
        new Option(
          '--allowed-origin <origin...>',
          'browser origins allowed besides localhost ones, e.g. https://console.example.com',
        ).env('PROVISIONING_MCP_ALLOWED_ORIGINS'),
      )
      .addOption(
        new Option(
          '--token-file <path>',
          "the bearer token's file for --http (default: the workspace's .provisioning/orchestrator.token)",
        ).env('PROVISIONING_MCP_TOKEN_FILE'),
      )
      .addOption(
        new Option(
          '--accept-new-host-keys',
          'record unknown host keys on first contact (trust on first use) instead of refusing the host',
        ).env('PROVISIONING_ACCEPT_NEW_HOST_KEYS'),
      );
  },
  handler: () => import('./handler.js'),
};
