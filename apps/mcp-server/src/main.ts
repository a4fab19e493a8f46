// The mcp-server front door: arrives with its own issue (DESIGN.md). Until then this project only holds its place.
export {};
