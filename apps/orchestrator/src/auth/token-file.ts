// The API token lives in the engine, so the MCP server's HTTP transport checks the same token file.
export { loadOrCreateToken, TOKEN_FILE, tokenMatches } from '@provisioning/engine';
